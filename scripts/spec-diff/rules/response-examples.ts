/**
 * Rules on named response examples, which the mocks serve as scenarios (`Prefer: example=NAME`).
 * https://spec.openapis.org/oas/v3.1.0#example-object
 */
import { defineRule } from '../define-rule.ts';
import { same } from '../schema-facts.ts';

export const responseExampleRemoved = defineRule({
  id: 'response-example-removed',
  level: 'WARN',
  kinds: ['example'],
  summary: 'A named example (a mock scenario) was removed: `Prefer: example=NAME` stops working.',
  check: ({ before, after, where, name }) =>
    before !== undefined &&
    after === undefined &&
    `${where}: named example "${name}" was removed; mocks and tests selecting it with Prefer: example=${name} fail`,
});

export const responseExampleAdded = defineRule({
  id: 'response-example-added',
  level: 'INFO',
  kinds: ['example'],
  summary: 'A named example (a mock scenario) was added.',
  check: ({ before, after, where, name }) =>
    before === undefined && after !== undefined && `${where}: named example "${name}" was added`,
});

export const responseExampleChanged = defineRule({
  id: 'response-example-changed',
  level: 'INFO',
  kinds: ['example'],
  summary: "A named example's value changed: mocks now answer differently.",
  check: ({ before, after, where, name }) =>
    before !== undefined &&
    after !== undefined &&
    !same(before.value, after.value) &&
    `${where}: the value of named example "${name}" changed; mocks answer with the new value`,
});
