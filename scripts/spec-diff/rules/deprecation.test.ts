import { describe, expect, it } from 'vitest';
import { RULES } from '../catalogue.ts';
import { diffSpecs } from '../diff-specs.ts';
import {
  at,
  describeRuleCases,
  GET,
  get,
  INPUT,
  ITEM,
  item,
  P,
  params,
  prop,
  type RuleCase,
  schema,
  smallSpec,
} from '../test-support.ts';
import type { Json } from '../types.ts';
import * as rules from './deprecation.ts';

const policy = { deprecation: { today: '2026-06-01', betaDays: 30, stableDays: 90 } };
const deprecate = (target: Json, sunset?: string) =>
  Object.assign(target, { deprecated: true }, sunset === undefined ? {} : { 'x-sunset': sunset });
const verbose = (d: Json) => params(d)[0] as Json;
const dropVerbose = (d: Json) => {
  get(d).parameters = [];
};

const cases: RuleCase[] = [
  {
    rule: 'removed-after-sunset',
    name: 'a parameter',
    before: (d) => deprecate(verbose(d), '2026-05-01'),
    after: dropVerbose,
    pointer: `${GET}/parameters/0`,
    context: policy,
  },
  {
    rule: 'removed-after-sunset',
    name: 'a response property',
    before: (d) => deprecate(prop(d, 'Item', 'note'), '2026-05-01'),
    after: (d) => {
      delete at(schema(d, 'Item'), 'properties').note;
    },
    pointer: `${ITEM}/properties/note`,
    context: policy,
  },
  {
    rule: 'removed-after-sunset',
    name: 'a path whose every operation is past its sunset',
    before: (d) => {
      for (const op of ['get', 'put']) deprecate((item(d) as Json)[op] as Json, '2026-01-01T00:00:00Z');
    },
    after: (d) => {
      delete (d.paths as Json)['/items/{id}'];
    },
    pointer: P,
    context: policy,
  },
  {
    rule: 'removed-before-sunset',
    name: 'a parameter',
    before: (d) => deprecate(verbose(d), '2027-01-01'),
    after: dropVerbose,
    pointer: `${GET}/parameters/0`,
    context: policy,
  },
  {
    rule: 'removed-before-sunset',
    name: 'a sunset that is no date never passes',
    before: (d) => deprecate(verbose(d), 'soon'),
    after: dropVerbose,
    pointer: `${GET}/parameters/0`,
    context: policy,
  },
  {
    rule: 'deprecation-sunset-invalid',
    before: (d) => deprecate(get(d), '2027-01-01'),
    after: (d) => deprecate(get(d), '2027-02-30'),
    pointer: GET,
    context: policy,
  },
  {
    rule: 'deprecation-sunset-removed',
    before: (d) => deprecate(verbose(d), '2027-01-01'),
    after: (d) => deprecate(verbose(d)),
    pointer: `${GET}/parameters/0`,
    context: policy,
  },
  {
    rule: 'deprecation-sunset-too-soon',
    name: 'moved sooner than the stable notice',
    before: (d) => deprecate(get(d), '2027-01-01'),
    after: (d) => deprecate(get(d), '2026-07-01'),
    pointer: GET,
    context: policy,
  },
  {
    rule: 'deprecation-sunset-too-soon',
    name: 'a new beta deprecation with less than the beta notice',
    after: (d) => deprecate(Object.assign(get(d), { 'x-stability-level': 'beta' }), '2026-06-15'),
    pointer: GET,
    context: policy,
  },
  {
    rule: 'deprecation-sunset-missing',
    after: (d) => deprecate(prop(d, 'ItemInput', 'colour')),
    pointer: `${INPUT}/properties/colour`,
    context: policy,
  },
];

describeRuleCases('spec:diff rules: deprecation policy', rules, cases);

describe('spec:diff without the deprecation policy', () => {
  it('judges a removal as a removal, whatever the sunset says', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    deprecate(get(b), '2020-01-01');
    delete (item(a) as Json).get;
    const changes = diffSpecs(b, a, RULES);
    expect(changes.map((c) => [c.id, c.level])).toContainEqual(['api-removed', 'ERR']);
    expect(changes.map((c) => c.id)).not.toContain('removed-after-sunset');
  });

  it('lets a deprecated operation go after its sunset with the policy, and not before', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    deprecate(get(b), '2026-05-31');
    delete (item(a) as Json).get;
    expect(diffSpecs(b, a, RULES, policy).filter((c) => c.level === 'ERR')).toEqual([]);
    const early = { deprecation: { ...policy.deprecation, today: '2026-05-30' } };
    expect(diffSpecs(b, a, RULES, early).map((c) => c.id)).toContain('api-removed');
  });

  it('a deprecation without a sunset is fine when the policy asks for no notice', () => {
    const [b, a] = [smallSpec(), smallSpec()];
    deprecate(get(a));
    const none = { deprecation: { ...policy.deprecation, stableDays: 0 } };
    expect(diffSpecs(b, a, RULES, none).filter((c) => c.level === 'ERR')).toEqual([]);
  });
});
