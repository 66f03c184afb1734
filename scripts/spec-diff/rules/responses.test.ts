import { at, describeRuleCases, GET, get, OK, ok, PUT, put, type RuleCase, set } from '../test-support.ts';
import * as rules from './responses.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-status-removed',
    after: (d) => delete at(get(d), 'responses')['200'],
    pointer: `${GET}/responses/200`,
  },
  {
    rule: 'response-error-status-removed',
    after: (d) => delete at(get(d), 'responses')['404'],
    pointer: `${GET}/responses/404`,
  },
  {
    rule: 'response-error-status-removed',
    name: 'the default response',
    before: (d) => set(at(get(d), 'responses'), 'default', { description: 'Any failure' }),
    pointer: `${GET}/responses/default`,
  },
  {
    rule: 'response-header-became-optional',
    after: (d) => set(at(ok(d), 'headers', 'X-Rate-Limit'), 'required', false),
    pointer: `${OK}/headers/X-Rate-Limit`,
  },
  {
    rule: 'response-status-added',
    after: (d) => set(at(get(d), 'responses'), '500', { description: 'Oops' }),
    pointer: `${GET}/responses/500`,
  },
  {
    rule: 'response-media-type-removed',
    after: (d) => {
      const content = at(ok(d), 'content');
      ok(d).content = { 'application/xml': content['application/json'] };
    },
    pointer: `${OK}/content/application~1json`,
  },
  {
    rule: 'media-type-renamed',
    name: 'a more specific response type',
    after: (d) => {
      const content = at(ok(d), 'content');
      ok(d).content = { 'application/vnd.item+json': content['application/json'] };
    },
    pointer: `${OK}/content/application~1vnd.item+json`,
  },
  {
    rule: 'media-type-renamed',
    name: 'a request type with a charset',
    after: (d) => {
      const content = at(put(d), 'requestBody', 'content');
      at(put(d), 'requestBody').content = { 'application/json; charset=utf-8': content['application/json'] };
    },
    pointer: `${PUT}/requestBody/content/application~1json; charset=utf-8`,
  },
  {
    rule: 'response-media-type-added',
    after: (d) => set(at(ok(d), 'content'), 'text/plain', { schema: { type: 'string' } }),
    pointer: `${OK}/content/text~1plain`,
  },
  {
    rule: 'response-required-header-removed',
    after: (d) => delete at(ok(d), 'headers')['X-Rate-Limit'],
    pointer: `${OK}/headers/X-Rate-Limit`,
  },
  {
    rule: 'response-optional-header-removed',
    after: (d) => delete at(ok(d), 'headers')['X-Trace'],
    pointer: `${OK}/headers/X-Trace`,
  },
  {
    rule: 'response-header-added',
    after: (d) => set(at(ok(d), 'headers'), 'X-Request-Id', { schema: { type: 'string' } }),
    pointer: `${OK}/headers/X-Request-Id`,
  },
];

describeRuleCases('spec:diff rules: responses', rules, cases);
