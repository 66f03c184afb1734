/**
 * Rules on what clients read: response status codes, media types and headers.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { defineRule } from '../define-rule.ts';

export const responseStatusRemoved = defineRule({
  id: 'response-status-removed',
  level: 'ERR',
  kinds: ['response'],
  summary: 'A documented response status was removed: clients handling it lose their contract.',
  check: ({ before, after, where, status }) =>
    before !== undefined &&
    after === undefined &&
    `${where}: documented response ${status} was removed; clients handling it lose their contract`,
});

export const responseStatusAdded = defineRule({
  id: 'response-status-added',
  level: 'INFO',
  kinds: ['response'],
  summary: 'A response status was documented.',
  check: ({ before, after, where, status }) =>
    before === undefined && after !== undefined && `${where}: response ${status} was added`,
});

export const responseMediaTypeRemoved = defineRule({
  id: 'response-media-type-removed',
  level: 'ERR',
  kinds: ['media-type'],
  summary: 'A response media type is no longer returned: clients parsing it break.',
  check: ({ direction, before, after, where, mediaType, afterMediaTypes }) =>
    direction === 'response' &&
    before !== undefined &&
    after === undefined &&
    `${where}: response media type ${mediaType} is no longer returned (now: ${afterMediaTypes.join(', ') || 'none'}); clients parsing it break`,
});

export const responseMediaTypeAdded = defineRule({
  id: 'response-media-type-added',
  level: 'INFO',
  kinds: ['media-type'],
  summary: 'A response media type was added.',
  check: ({ direction, before, after, where, mediaType }) =>
    direction === 'response' &&
    before === undefined &&
    after !== undefined &&
    `${where}: response media type ${mediaType} was added`,
});

export const responseRequiredHeaderRemoved = defineRule({
  id: 'response-required-header-removed',
  level: 'ERR',
  kinds: ['header'],
  summary: 'A required response header was removed: clients reading it break.',
  check: ({ before, after, where, name }) =>
    before?.required === true &&
    after === undefined &&
    `${where}: required response header ${name} was removed; clients reading it break`,
});

export const responseOptionalHeaderRemoved = defineRule({
  id: 'response-optional-header-removed',
  level: 'WARN',
  kinds: ['header'],
  summary: 'An optional response header was removed.',
  check: ({ before, after, where, name }) =>
    before !== undefined &&
    before.required !== true &&
    after === undefined &&
    `${where}: optional response header ${name} was removed; clients using it when present lose it`,
});

export const responseHeaderAdded = defineRule({
  id: 'response-header-added',
  level: 'INFO',
  kinds: ['header'],
  summary: 'A response header was added.',
  check: ({ before, after, where, name }) =>
    before === undefined && after !== undefined && `${where}: response header ${name} was added`,
});
