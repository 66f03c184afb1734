import { describeRuleCases, GET, get, type RuleCase, set } from '../test-support.ts';
import * as rules from './stability.ts';

const cases: RuleCase[] = [
  {
    rule: 'stability-level-decreased',
    before: (d) => set(get(d), 'x-stability-level', 'beta'),
    after: (d) => set(get(d), 'x-stability-level', 'alpha'),
    pointer: GET,
  },
  {
    rule: 'stability-level-invalid',
    name: 'in the head',
    after: (d) => set(get(d), 'x-stability-level', 'ga'),
    pointer: GET,
  },
  {
    rule: 'stability-level-invalid',
    name: 'in the base, not a string',
    before: (d) => set(get(d), 'x-stability-level', 1),
    after: (d) => set(get(d), 'x-stability-level', 'stable'),
    pointer: GET,
  },
];

describeRuleCases('spec:diff rules: x-stability-level', rules, cases);
