import { describeRuleCases, INPUT, prop, type RuleCase, set } from '../test-support.ts';
import * as rules from './request-enums.ts';

const cases: RuleCase[] = [
  {
    rule: 'request-property-enum-value-removed',
    after: (d) => set(prop(d, 'ItemInput', 'kind'), 'enum', ['a']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-enum-value-added',
    after: (d) => set(prop(d, 'ItemInput', 'kind'), 'enum', ['a', 'b', 'c']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-became-enum',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'enum', ['x', 'y']),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-became-not-enum',
    after: (d) => delete prop(d, 'ItemInput', 'kind').enum,
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-extensible-enum-value-removed',
    before: (d) => set(prop(d, 'ItemInput', 'colour'), 'x-extensible-enum', ['red', 'green']),
    after: (d) => set(prop(d, 'ItemInput', 'colour'), 'x-extensible-enum', ['red']),
    pointer: `${INPUT}/properties/colour`,
  },
];

describeRuleCases('spec:diff rules: request-enums', rules, cases);
