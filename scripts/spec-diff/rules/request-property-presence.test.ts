import { at, describeRuleCases, INPUT, type RuleCase, schema, set } from '../test-support.ts';
import * as rules from './request-property-presence.ts';

const cases: RuleCase[] = [
  {
    rule: 'request-property-removed',
    after: (d) => delete at(schema(d, 'ItemInput'), 'properties').comment,
    pointer: `${INPUT}/properties/comment`,
  },
  {
    rule: 'request-property-renamed',
    after: (d) => {
      const properties = at(schema(d, 'ItemInput'), 'properties');
      properties.color = properties.colour;
      delete properties.colour;
    },
    pointer: `${INPUT}/properties/colour`,
  },
  {
    rule: 'new-required-request-property',
    after: (d) => {
      at(schema(d, 'ItemInput'), 'properties').owner = { type: 'string' };
      schema(d, 'ItemInput').required = ['name', 'owner'];
    },
    pointer: `${INPUT}/properties/owner`,
  },
  {
    rule: 'new-optional-request-property',
    after: (d) => set(at(schema(d, 'ItemInput'), 'properties'), 'owner', { type: 'integer' }),
    pointer: `${INPUT}/properties/owner`,
  },
];

describeRuleCases('spec:diff rules: request-property-presence', rules, cases);
