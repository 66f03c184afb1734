import { describeRuleCases, first, GET, get, params, type RuleCase, set } from '../test-support.ts';
import * as rules from './request-parameters.ts';

const cases: RuleCase[] = [
  { rule: 'request-parameter-removed', after: (d) => set(get(d), 'parameters', []), pointer: `${GET}/parameters/0` },
  {
    rule: 'new-required-request-parameter',
    after: (d) => void params(d).push({ name: 'lang', in: 'query', required: true, schema: { type: 'string' } }),
    pointer: `${GET}/parameters/1`,
  },
  {
    rule: 'new-optional-request-parameter',
    after: (d) => void params(d).push({ name: 'lang', in: 'query', schema: { type: 'string' } }),
    pointer: `${GET}/parameters/1`,
  },
  {
    rule: 'request-parameter-became-required',
    after: (d) => set(first(params(d)), 'required', true),
    pointer: `${GET}/parameters/0`,
  },
  {
    rule: 'request-parameter-became-optional',
    before: (d) => set(first(params(d)), 'required', true),
    pointer: `${GET}/parameters/0`,
  },
];

describeRuleCases('spec:diff rules: request-parameters', rules, cases);
