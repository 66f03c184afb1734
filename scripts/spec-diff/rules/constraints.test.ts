import { describeRuleCases, INPUT, ITEM, prop, type RuleCase, schema, set } from '../test-support.ts';
import * as rules from './constraints.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-property-constraint-relaxed',
    after: (d) => set(prop(d, 'Item', 'count'), 'maximum', 1000),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-constraint-relaxed',
    name: 'additionalProperties false removed',
    before: (d) => set(schema(d, 'Item'), 'additionalProperties', false),
    pointer: ITEM,
  },
  {
    rule: 'response-property-constraint-tightened',
    after: (d) => set(prop(d, 'Item', 'count'), 'maximum', 10),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'request-property-constraint-tightened',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'maxLength', 10),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'pattern added',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', '^[a-z]+$'),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'additional properties refused',
    after: (d) => set(schema(d, 'ItemInput'), 'additionalProperties', false),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-relaxed',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'maxLength', 100),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-default-changed',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'default', 2),
    pointer: `${INPUT}/properties/size`,
  },
];

describeRuleCases('spec:diff rules: constraints', rules, cases);
