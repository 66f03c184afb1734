/**
 * Rules on response properties removed, renamed or added.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';

export const responsePropertyRemoved = defineRule({
  id: 'response-property-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response property was removed: clients reading it break.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'response' &&
    property &&
    !property.renamedTo &&
    before !== undefined &&
    after === undefined &&
    `${where}: ${subject} (${property.requiredBefore ? 'required' : 'optional'}) was removed; clients reading it break`,
});

export const responsePropertyRenamed = defineRule({
  id: 'response-property-renamed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A response property was renamed (same schema, new name): clients reading the old name break.',
  check: ({ direction, property, before, where, subject }) =>
    direction === 'response' &&
    property?.renamedTo !== undefined &&
    before !== undefined &&
    `${where}: ${subject} was renamed to \`${property.renamedTo}\`; clients reading the old name break`,
});

export const responsePropertyAdded = defineRule({
  id: 'response-property-added',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A response property was added.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'response' &&
    property &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: ${subject} was added`,
});
