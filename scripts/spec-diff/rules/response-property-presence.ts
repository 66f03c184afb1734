/**
 * Rules on response properties removed, renamed or added.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { removalAllowed } from '../sunset.ts';

export const responsePropertyRemoved = defineRule({
  id: 'response-property-removed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required response property was removed: clients reading it break.',
  check: ({ direction, property, before, after, where, subject }, { deprecation }) =>
    direction === 'response' &&
    property?.requiredBefore &&
    !property.renamedTo &&
    !property.visibility &&
    before !== undefined &&
    after === undefined &&
    !removalAllowed(before, deprecation) &&
    `${where}: ${subject} (required) was removed; clients reading it break`,
});

/**
 * An optional property was never promised to be there: clients already cope with its absence.
 * Those that use it when present lose data, so a WARN rather than nothing (oasdiff agrees).
 */
export const responseOptionalPropertyRemoved = defineRule({
  id: 'response-optional-property-removed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'An optional response property was removed: clients cope with its absence, but lose what it carried.',
  check: ({ direction, property, before, after, where, subject }, { deprecation }) =>
    direction === 'response' &&
    property &&
    !property.requiredBefore &&
    !property.visibility &&
    before !== undefined &&
    after === undefined &&
    !removalAllowed(before, deprecation) &&
    `${where}: ${subject} (optional) was removed; clients already handle its absence, but lose what it carried`,
});

export const responsePropertyRenamed = defineRule({
  id: 'response-property-renamed',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required response property was renamed (same schema, new name): clients reading the old name break.',
  check: ({ direction, property, before, where, subject }) =>
    direction === 'response' &&
    property?.renamedTo !== undefined &&
    property.requiredBefore &&
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
