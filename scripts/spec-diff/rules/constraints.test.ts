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
    rule: 'request-property-pattern-changed',
    before: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', '^[a-f0-9]+$'),
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', '^[0-9]+$'),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-limit-set',
    name: 'a maximum where there was none',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'maximum', 10),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-constraint-relaxed',
    name: 'an empty pattern is no pattern',
    before: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', '^[a-z]+$'),
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', ''),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'dependentRequired added',
    after: (d) => set(schema(d, 'ItemInput'), 'dependentRequired', { kind: ['size'] }),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'dependentRequired asks for one more name',
    before: (d) => set(schema(d, 'ItemInput'), 'dependentRequired', { kind: ['size'] }),
    after: (d) => set(schema(d, 'ItemInput'), 'dependentRequired', { kind: ['size', 'colour'] }),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'if/then/else added',
    after: (d) => {
      // A JSON Schema keyword, not a promise.
      set(schema(d, 'ItemInput'), 'if', { properties: { kind: { const: 'a' } } });
      set(schema(d, 'ItemInput'), 'then', { required: ['size'] });
    },
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'propertyNames added',
    after: (d) => set(schema(d, 'ItemInput'), 'propertyNames', { pattern: '^[a-z]+$' }),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'unevaluatedProperties false added',
    after: (d) => set(schema(d, 'ItemInput'), 'unevaluatedProperties', false),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-relaxed',
    name: 'dependentSchemas entry removed',
    before: (d) => set(schema(d, 'ItemInput'), 'dependentSchemas', { kind: { required: ['size'] } }),
    pointer: INPUT,
  },
  {
    rule: 'response-property-constraint-relaxed',
    name: 'patternProperties entry removed',
    before: (d) => set(schema(d, 'Item'), 'patternProperties', { '^x-': { type: 'string' } }),
    pointer: ITEM,
  },
  {
    rule: 'response-property-constraint-relaxed',
    name: 'contains removed',
    before: (d) => set(prop(d, 'Item', 'tags'), 'contains', { const: 'new' }),
    pointer: `${ITEM}/properties/tags`,
  },
  {
    rule: 'response-property-constraint-tightened',
    name: 'prefixItems added',
    after: (d) => set(prop(d, 'Item', 'tags'), 'prefixItems', [{ const: 'first' }]),
    pointer: `${ITEM}/properties/tags`,
  },
  {
    rule: 'response-property-format-relaxed',
    name: 'pattern removed',
    before: (d) => set(prop(d, 'Item', 'id'), 'pattern', '^[a-z0-9]+$'),
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'response-property-default-changed',
    before: (d) => set(prop(d, 'Item', 'count'), 'default', 0),
    after: (d) => set(prop(d, 'Item', 'count'), 'default', 1),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'request-property-default-changed',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'default', 2),
    pointer: `${INPUT}/properties/size`,
  },
];

describeRuleCases('spec:diff rules: constraints', rules, cases);
