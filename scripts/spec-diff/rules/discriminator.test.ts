import { describeRuleCases, INPUT, ITEM, type RuleCase, schema, set } from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './discriminator.ts';

const on = (name: 'Item' | 'ItemInput', discriminator: Json) => (d: Json) =>
  set(schema(d, name), 'discriminator', discriminator);
const kinds = { a: '#/components/schemas/Item', b: '#/components/schemas/Error' };

const cases: RuleCase[] = [
  {
    rule: 'discriminator-changed',
    name: 'property renamed',
    before: on('ItemInput', { propertyName: 'kind' }),
    after: on('ItemInput', { propertyName: 'type' }),
    pointer: INPUT,
  },
  {
    rule: 'discriminator-changed',
    name: 'a request mapping value removed',
    before: on('ItemInput', { propertyName: 'kind', mapping: kinds }),
    after: on('ItemInput', { propertyName: 'kind', mapping: { a: kinds.a } }),
    pointer: INPUT,
  },
  {
    rule: 'discriminator-changed',
    name: 'a response mapping value added',
    before: on('Item', { propertyName: 'status', mapping: { a: kinds.a } }),
    after: on('Item', { propertyName: 'status', mapping: kinds }),
    pointer: ITEM,
  },
  {
    rule: 'discriminator-changed-compatibly',
    name: 'a request mapping value added',
    before: on('ItemInput', { propertyName: 'kind', mapping: { a: kinds.a } }),
    after: on('ItemInput', { propertyName: 'kind', mapping: kinds }),
    pointer: INPUT,
  },
  {
    rule: 'discriminator-changed-compatibly',
    name: 'discriminator added',
    after: on('Item', { propertyName: 'status' }),
    pointer: ITEM,
  },
];

describeRuleCases('spec:diff rules: discriminator', rules, cases);
