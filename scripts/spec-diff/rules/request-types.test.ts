import { at, describeRuleCases, first, GET, INPUT, params, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './request-types.ts';

const cases: RuleCase[] = [
  {
    rule: 'request-property-type-changed',
    name: 'parameter schema',
    after: (d) => set(at(first(params(d)), 'schema'), 'type', 'integer'),
    pointer: `${GET}/parameters/0/schema`,
  },
  {
    rule: 'request-property-type-changed',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'type', 'string'),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-type-changed',
    name: 'number narrowed to integer',
    before: (d) => set(prop(d, 'ItemInput', 'size'), 'type', 'number'),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-became-not-nullable',
    after: (d) => set(prop(d, 'ItemInput', 'comment'), 'type', 'string'),
    pointer: `${INPUT}/properties/comment`,
  },
  {
    rule: 'request-property-type-generalized',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'type', ['integer', 'string']),
    pointer: `${INPUT}/properties/size`,
  },
];

describeRuleCases('spec:diff rules: request-types', rules, cases);
