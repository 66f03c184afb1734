import { at, describeRuleCases, ITEM, prop, type RuleCase, schema, set } from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './response-property-presence.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-optional-property-removed',
    after: (d) => delete at(schema(d, 'Item'), 'properties').note,
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-removed',
    name: 'required property',
    after: (d) => {
      delete at(schema(d, 'Item'), 'properties').id;
      schema(d, 'Item').required = ['status'];
    },
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'response-property-renamed',
    after: (d) => {
      const properties = at(schema(d, 'Item'), 'properties');
      properties.identifier = { ...(properties.id as Json), description: 'The id' };
      delete properties.id;
      schema(d, 'Item').required = ['identifier', 'status'];
    },
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'response-optional-property-removed',
    name: 'an optional property renamed',
    after: (d) => {
      const properties = at(schema(d, 'Item'), 'properties');
      properties.memo = { ...(properties.note as Json), description: 'A note' };
      delete properties.note;
    },
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-added',
    after: (d) => set(at(schema(d, 'Item'), 'properties'), 'owner', { type: 'string' }),
    pointer: `${ITEM}/properties/owner`,
  },
  {
    rule: 'response-property-added',
    name: 'nested in array items',
    before: (d) => set(prop(d, 'Item', 'tags'), 'items', { type: 'object', properties: {} }),
    after: (d) => {
      const properties = { label: { type: 'string' } };
      set(prop(d, 'Item', 'tags'), 'items', { type: 'object', properties });
    },
    pointer: `${ITEM}/properties/tags/items/properties/label`,
  },
];

describeRuleCases('spec:diff rules: response-property-presence', rules, cases);
