/**
 * Rules on request properties removed, renamed or added (required or optional).
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { removalAllowed } from '../sunset.ts';

export const requestPropertyRemoved = defineRule({
  id: 'request-property-removed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A request property was removed: what clients send in it is ignored or refused.',
  check: ({ direction, property, before, after, where, subject }, { deprecation }) =>
    direction === 'request' &&
    property &&
    !property.renamedToRequired &&
    before !== undefined &&
    after === undefined &&
    !removalAllowed(before, deprecation) &&
    `${where}: ${subject} was removed; clients still sending it are ignored or refused`,
});

export const requestPropertyRenamed = defineRule({
  id: 'request-property-renamed',
  level: 'ERR',
  kinds: ['schema'],
  summary:
    'A request property was renamed (same schema, new name) and the new name is required: clients send the old one and are refused.',
  check: ({ direction, property, before, where, subject }) =>
    direction === 'request' &&
    property?.renamedTo !== undefined &&
    property.renamedToRequired === true &&
    before !== undefined &&
    `${where}: ${subject} was renamed to \`${property.renamedTo}\`; clients still send the old name`,
});

export const newRequiredRequestProperty = defineRule({
  id: 'new-required-request-property',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required request property was added: existing clients do not send it.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'request' &&
    property?.requiredAfter === true &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: required ${subject} was added; existing clients do not send it`,
});

export const newOptionalRequestProperty = defineRule({
  id: 'new-optional-request-property',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'An optional request property was added.',
  check: ({ direction, property, before, after, where, subject }) =>
    direction === 'request' &&
    property?.requiredAfter === false &&
    !property.renamedFrom &&
    before === undefined &&
    after !== undefined &&
    `${where}: optional ${subject} was added`,
});
