import { at, describeRuleCases, GET, get, PUT, put, type RuleCase, set } from '../test-support.ts';
import * as rules from './request-body.ts';

const cases: RuleCase[] = [
  {
    rule: 'request-body-added-required',
    after: (d) => set(get(d), 'requestBody', { required: true, content: { 'application/json': { schema: {} } } }),
    pointer: `${GET}/requestBody`,
  },
  {
    rule: 'request-body-added-optional',
    after: (d) => set(get(d), 'requestBody', { content: { 'application/json': { schema: {} } } }),
    pointer: `${GET}/requestBody`,
  },
  { rule: 'request-body-removed', after: (d) => delete put(d).requestBody, pointer: `${PUT}/requestBody` },
  {
    rule: 'request-body-became-required',
    before: (d) => set(at(put(d), 'requestBody'), 'required', false),
    pointer: `${PUT}/requestBody`,
  },
  {
    rule: 'request-body-became-optional',
    after: (d) => set(at(put(d), 'requestBody'), 'required', false),
    pointer: `${PUT}/requestBody`,
  },
  {
    rule: 'request-body-media-type-removed',
    after: (d) => {
      const body = at(put(d), 'requestBody');
      body.content = { 'application/xml': { schema: { type: 'object' } } };
    },
    pointer: `${PUT}/requestBody/content/application~1json`,
  },
  {
    rule: 'request-body-media-type-added',
    after: (d) => set(at(put(d), 'requestBody', 'content'), 'application/x-www-form-urlencoded', { schema: {} }),
    pointer: `${PUT}/requestBody/content/application~1x-www-form-urlencoded`,
  },
];

describeRuleCases('spec:diff rules: request-body', rules, cases);
