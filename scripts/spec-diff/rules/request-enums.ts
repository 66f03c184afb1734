/**
 * Rules on request enums: values removed or added, enum introduced or dropped.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { valuesMissing } from '../schema-facts.ts';
import { both, enums, showValues } from '../schema-pair.ts';

export const requestPropertyEnumValueRemoved = defineRule({
  id: 'request-property-enum-value-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request enum lost values: clients sending them are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const removed = valuesMissing(before, after);
    return (
      removed.length > 0 &&
      `${node.where}: ${node.subject} no longer accepts ${showValues(removed)}; clients sending them are refused`
    );
  },
});

export const requestPropertyEnumValueAdded = defineRule({
  id: 'request-property-enum-value-added',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request enum accepts more values.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    if (!before || !after) return;
    const added = valuesMissing(after, before);
    return added.length > 0 && `${node.where}: ${node.subject} now also accepts ${showValues(added)}`;
  },
});

export const requestPropertyBecameEnum = defineRule({
  id: 'request-property-became-enum',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request value became limited to an enum: other values clients send are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    return (
      before === undefined &&
      after !== undefined &&
      `${node.where}: ${node.subject} is now limited to ${showValues(after)}; clients sending other values are refused`
    );
  },
});

export const requestPropertyBecameNotEnum = defineRule({
  id: 'request-property-became-not-enum',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A request value is no longer limited to an enum.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const { before, after } = enums(node);
    return (
      before !== undefined &&
      after === undefined &&
      `${node.where}: ${node.subject} is no longer limited to ${showValues(before)}`
    );
  },
});

/**
 * `x-extensible-enum` (Zalando's guidelines, read by oasdiff): the values a request may carry, open to
 * new ones later. Readers must expect additions, but a value dropped is refused like an enum's.
 */
export const requestExtensibleEnumValueRemoved = defineRule({
  id: 'request-extensible-enum-value-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A request x-extensible-enum lost values: clients sending them are refused.',
  check: (node) => {
    if (!both(node, 'request')) return;
    const [before, after] = [node.before['x-extensible-enum'], node.after['x-extensible-enum']];
    if (!Array.isArray(before) || !Array.isArray(after)) return;
    const removed = valuesMissing(before, after);
    return (
      removed.length > 0 &&
      `${node.where}: ${node.subject} no longer lists ${showValues(removed)} (x-extensible-enum); clients sending them are refused`
    );
  },
});
