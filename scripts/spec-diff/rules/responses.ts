/**
 * Rules on what clients read: response status codes, media types and headers.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { defineRule } from '../define-rule.ts';

/** 1xx, 2xx and 3xx (and their 2XX ranges): the answers clients are written to get. */
const isSuccess = (status: string) => /^[123]/.test(status);

export const responseStatusRemoved = defineRule({
  id: 'response-status-removed',
  level: 'ERR',
  kinds: ['response'],
  summary: 'A documented success response (1xx-3xx) was removed: clients written for it break.',
  check: ({ before, after, where, status }) =>
    before !== undefined &&
    after === undefined &&
    isSuccess(status) &&
    `${where}: documented response ${status} was removed; clients handling it lose their contract`,
});

/**
 * A documented error (4xx, 5xx) or `default` response removed: the server still fails the same
 * requests, and clients still handle failures (by status class or a catch-all), so nothing that
 * worked stops working. Only a handler written for exactly that status may meet another: WARN.
 */
export const responseErrorStatusRemoved = defineRule({
  id: 'response-error-status-removed',
  level: 'WARN',
  kinds: ['response'],
  summary:
    'A documented error (4xx, 5xx) or default response was removed: failures still fail, but a handler for exactly it may meet another.',
  check: ({ before, after, where, status }) =>
    before !== undefined &&
    after === undefined &&
    !isSuccess(status) &&
    `${where}: documented ${status === 'default' ? 'default' : 'error'} response ${status} was removed; clients handling failures by status class are unaffected`,
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

export const mediaTypeRenamed = defineRule({
  id: 'media-type-renamed',
  level: 'INFO',
  kinds: ['media-type'],
  summary:
    'A media type was replaced by the same type with other parameters, or (responses) by a more specific one clients still parse.',
  check: ({ renamedFrom, mediaType, where, direction }) =>
    renamedFrom !== undefined &&
    `${where}: ${direction} media type ${renamedFrom} is now ${mediaType}; compared as the same body`,
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

export const responseHeaderBecameOptional = defineRule({
  id: 'response-header-became-optional',
  level: 'ERR',
  kinds: ['header'],
  summary: 'A required response header became optional: clients reading it meet its absence.',
  check: ({ before, after, where, name }) =>
    before?.required === true &&
    after !== undefined &&
    after.required !== true &&
    `${where}: response header ${name} is no longer required; clients reading it meet its absence`,
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
