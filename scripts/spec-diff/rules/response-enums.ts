/**
 * Rules on response enums: values added or removed, enum dropped or introduced.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { same, show, valuesMissing } from '../schema-facts.ts';
import { both, enums, showValues } from '../schema-pair.ts';

export const responsePropertyEnumValueAdded = defineRule({
  id: 'response-property-enum-value-added',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response enum gained values: clients switching over the old set meet new ones.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const added = valuesMissing(after, before);
    return (
      added.length > 0 &&
      `${node.where}: ${node.subject} may now be ${showValues(added)}; clients handling only the old values may break`
    );
  },
});

export const responsePropertyEnumValueRemoved = defineRule({
  id: 'response-property-enum-value-removed',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response enum lost values (compatible for readers).',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const removed = valuesMissing(before, after);
    return removed.length > 0 && `${node.where}: ${node.subject} is no longer ${showValues(removed)}`;
  },
});

export const responsePropertyBecameNotEnum = defineRule({
  id: 'response-property-became-not-enum',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response value is no longer limited to an enum.',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    return (
      before !== undefined &&
      after === undefined &&
      `${node.where}: ${node.subject} is no longer limited to ${showValues(before)}; clients handling only those may break`
    );
  },
});

export const responsePropertyBecameEnum = defineRule({
  id: 'response-property-became-enum',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response value became limited to an enum (compatible for readers).',
  check: (node) => {
    if (!both(node, 'response')) return;
    const { before, after } = enums(node);
    return (
      before === undefined &&
      after !== undefined &&
      `${node.where}: ${node.subject} is now limited to ${showValues(after)}`
    );
  },
});

/** A response constant is what clients compare against: a different one is a different answer. */
export const responsePropertyConstChanged = defineRule({
  id: 'response-property-const-changed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response const changed: clients comparing against the old value break.',
  check: (node) =>
    both(node, 'response') &&
    'const' in node.before &&
    'const' in node.after &&
    !same(node.before.const, node.after.const) &&
    `${node.where}: ${node.subject} is now always ${show(node.after.const)}, not ${show(node.before.const)}; clients comparing against the old value break`,
});
