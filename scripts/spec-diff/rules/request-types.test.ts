import { at, describeRuleCases, first, GET, get, INPUT, params, prop, type RuleCase, set } from '../test-support.ts';
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
  {
    rule: 'request-property-type-generalized',
    name: 'a query value from boolean to string: on the wire it was text all along',
    after: (d) => set(at(first(params(d)), 'schema'), 'type', 'string'),
    pointer: `${GET}/parameters/0/schema`,
  },
  {
    rule: 'request-property-type-generalized',
    name: 'a deepObject query property from number to string',
    before: (d) => {
      const filter = { type: 'object', properties: { size: { type: 'number' } } };
      get(d).parameters = [{ name: 'filter', in: 'query', style: 'deepObject', schema: filter }];
    },
    after: (d) => {
      const filter = { type: 'object', properties: { size: { type: 'string' } } };
      get(d).parameters = [{ name: 'filter', in: 'query', style: 'deepObject', schema: filter }];
    },
    pointer: `${GET}/parameters/0/schema/properties/size`,
  },
  {
    rule: 'request-property-type-generalized',
    name: 'an exploded form query value from string to an array of strings: one value is a one-item array',
    after: (d) => set(first(params(d)), 'schema', { type: 'array', items: { type: 'string' } }),
    pointer: `${GET}/parameters/0/schema`,
  },
  {
    rule: 'request-property-type-changed',
    name: 'a query value from string to integer: text that is no number is refused',
    before: (d) => set(at(first(params(d)), 'schema'), 'type', 'string'),
    after: (d) => set(at(first(params(d)), 'schema'), 'type', 'integer'),
    pointer: `${GET}/parameters/0/schema`,
  },
];

describeRuleCases('spec:diff rules: request-types', rules, cases);
