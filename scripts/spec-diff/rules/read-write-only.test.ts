import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff-specs.ts';
import { describeRuleCases, INPUT, ITEM, prop, type RuleCase, schema, set, smallSpec } from '../test-support.ts';
import * as rules from './read-write-only.ts';

const cases: RuleCase[] = [
  {
    rule: 'response-property-became-write-only',
    after: (d) => set(prop(d, 'Item', 'id'), 'writeOnly', true),
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'property-visibility-changed',
    name: 'a request property became readOnly',
    after: (d) => set(prop(d, 'ItemInput', 'colour'), 'readOnly', true),
    pointer: `${INPUT}/properties/colour`,
  },
];

describeRuleCases('spec:diff rules: readOnly and writeOnly', rules, cases);

describe('readOnly and writeOnly transitions', () => {
  it('reads a request property turned readOnly as removed from requests', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    set(prop(a, 'ItemInput', 'colour'), 'readOnly', true);
    expect(diffSpecs(b, a).map((c) => `${c.id} ${c.level}`)).toContain('request-property-removed WARN');
  });

  it('reads a required property that stops being readOnly as a new required request property', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    for (const d of [b, a]) schema(d, 'ItemInput').required = ['name', 'colour'];
    set(prop(b, 'ItemInput', 'colour'), 'readOnly', true);
    expect(diffSpecs(b, a).map((c) => `${c.id} ${c.level}`)).toContain('new-required-request-property ERR');
  });
});
