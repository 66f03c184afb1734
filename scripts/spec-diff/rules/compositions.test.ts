import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff-specs.ts';
import { at, describeRuleCases, INPUT, ITEM, type RuleCase, schema, set, smallSpec } from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './compositions.ts';

const cat = { type: 'object', required: ['meow'], properties: { meow: { type: 'string' } } };
const dog = { type: 'object', required: ['bark'], properties: { bark: { type: 'string' } } };
const fox = { type: 'object', required: ['yip'], properties: { yip: { type: 'string' } } };
const addSchemas = (d: Json) => Object.assign(at(d, 'components', 'schemas'), { Cat: cat, Dog: dog, Fox: fox });
const refs = (...names: string[]) => names.map((name) => ({ $ref: `#/components/schemas/${name}` }));
/** The request body (or the response body) as a composition of named pets. */
const pets =
  (which: 'ItemInput' | 'Item', keyword: string, ...names: string[]) =>
  (d: Json) => {
    addSchemas(d);
    at(d, 'components', 'schemas')[which] = { [keyword]: refs(...names) };
  };

const cases: RuleCase[] = [
  {
    rule: 'request-alternative-removed',
    name: 'oneOf',
    before: pets('ItemInput', 'oneOf', 'Cat', 'Dog', 'Fox'),
    after: pets('ItemInput', 'oneOf', 'Cat', 'Dog'),
    pointer: INPUT,
  },
  {
    rule: 'request-alternative-removed',
    name: 'anyOf, members listed in another order',
    before: pets('ItemInput', 'anyOf', 'Cat', 'Dog'),
    after: pets('ItemInput', 'anyOf', 'Dog'),
    pointer: INPUT,
  },
  {
    rule: 'request-all-of-added',
    before: pets('ItemInput', 'allOf', 'Cat'),
    after: pets('ItemInput', 'allOf', 'Cat', 'Dog'),
    pointer: INPUT,
  },
  {
    rule: 'request-wrapped-in-one-of',
    after: (d) => {
      const input = schema(d, 'ItemInput');
      at(d, 'components', 'schemas').ItemInput = { oneOf: [input, { ...input, required: ['kind'] }] };
    },
    pointer: INPUT,
  },
  {
    rule: 'response-alternative-added',
    before: pets('Item', 'oneOf', 'Cat', 'Dog'),
    after: pets('Item', 'oneOf', 'Dog', 'Cat', 'Fox'),
    pointer: ITEM,
  },
  {
    rule: 'response-all-of-removed',
    before: pets('Item', 'allOf', 'Cat', 'Dog'),
    after: pets('Item', 'allOf', 'Cat'),
    pointer: ITEM,
  },
  {
    rule: 'composition-changed-compatibly',
    name: 'a request accepts one more alternative',
    before: pets('ItemInput', 'anyOf', 'Cat'),
    after: pets('ItemInput', 'anyOf', 'Cat', 'Dog'),
    pointer: INPUT,
  },
  {
    rule: 'composition-changed-compatibly',
    name: 'a response drops an alternative',
    before: pets('Item', 'oneOf', 'Cat', 'Dog'),
    after: pets('Item', 'oneOf', 'Cat'),
    pointer: ITEM,
  },
];

describeRuleCases('spec:diff rules: compositions', rules, cases);

describe('compositions compared by meaning', () => {
  it('pairs an inline member with its unchanged copy wherever it moved', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    set(schema(b, 'ItemInput'), 'anyOf', [cat, dog]);
    set(schema(a, 'ItemInput'), 'anyOf', [dog, { ...cat, description: 'A cat' }]);
    expect(diffSpecs(b, a).filter((c) => c.level !== 'INFO')).toEqual([]);
  });

  it('reads a request body wrapped in anyOf as the old body among alternatives, not as properties removed', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    const input = schema(a, 'ItemInput');
    at(a, 'components', 'schemas').ItemInput = { anyOf: [input, dog] };
    const ids = diffSpecs(b, a).map((c) => c.id);
    expect(ids).not.toContain('request-property-removed');
    expect(ids).toContain('composition-changed-compatibly');
    expect(diffSpecs(b, a).filter((c) => c.level === 'ERR')).toEqual([]);
  });

  it('still compares a member edited in place', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    set(schema(b, 'ItemInput'), 'oneOf', [cat, dog]);
    set(schema(a, 'ItemInput'), 'oneOf', [{ ...cat, required: ['meow', 'purr'] }, dog]);
    expect(diffSpecs(b, a).map((c) => c.id)).toContain('new-required-request-property');
  });
});
