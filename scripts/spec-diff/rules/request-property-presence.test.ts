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
    name: 'to a required name',
    after: (d) => {
      const properties = at(schema(d, 'ItemInput'), 'properties');
      properties.color = properties.colour;
      delete properties.colour;
      schema(d, 'ItemInput').required = ['name', 'color'];
    },
    pointer: `${INPUT}/properties/colour`,
  },
  {
    rule: 'request-property-removed',
    name: 'renamed to an optional name: what clients send is ignored, as for a removal',
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
