/**
 * Rules on the request body and the media types it is accepted in.
 * https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
import { defineRule } from '../define-rule.ts';

export const requestBodyAddedRequired = defineRule({
  id: 'request-body-added-required',
  level: 'ERR',
  kinds: ['request-body'],
  summary: 'A required request body was added: existing clients send none.',
  check: ({ before, after, where }) =>
    before === undefined &&
    after?.required === true &&
    `${where}: a required request body was added; existing clients send none`,
});

export const requestBodyAddedOptional = defineRule({
  id: 'request-body-added-optional',
  level: 'INFO',
  kinds: ['request-body'],
  summary: 'An optional request body was added.',
  check: ({ before, after, where }) =>
    before === undefined &&
    after !== undefined &&
    after.required !== true &&
    `${where}: an optional request body was added`,
});

export const requestBodyRemoved = defineRule({
  id: 'request-body-removed',
  level: 'WARN',
  kinds: ['request-body'],
  summary: 'The request body was removed: what clients send is ignored or refused.',
  check: ({ before, after, where }) =>
    before !== undefined &&
    after === undefined &&
    `${where}: the request body was removed; what clients still send is ignored or refused`,
});

export const requestBodyBecameRequired = defineRule({
  id: 'request-body-became-required',
  level: 'ERR',
  kinds: ['request-body'],
  summary: 'An optional request body became required.',
  check: ({ before, after, where }) =>
    before !== undefined &&
    after !== undefined &&
    before.required !== true &&
    after.required === true &&
    `${where}: the request body became required; clients that send none are refused`,
});

export const requestBodyBecameOptional = defineRule({
  id: 'request-body-became-optional',
  level: 'INFO',
  kinds: ['request-body'],
  summary: 'A required request body became optional.',
  check: ({ before, after, where }) =>
    before?.required === true &&
    after !== undefined &&
    after.required !== true &&
    `${where}: the request body became optional`,
});

export const requestBodyMediaTypeRemoved = defineRule({
  id: 'request-body-media-type-removed',
  level: 'ERR',
  kinds: ['media-type'],
  summary: 'A request media type is no longer accepted: clients sending it are refused (415).',
  check: ({ direction, before, after, where, mediaType, afterMediaTypes }) =>
    direction === 'request' &&
    before !== undefined &&
    after === undefined &&
    `${where}: request body media type ${mediaType} is no longer accepted (now: ${afterMediaTypes.join(', ') || 'none'}); clients sending it are refused`,
});

export const requestBodyMediaTypeAdded = defineRule({
  id: 'request-body-media-type-added',
  level: 'INFO',
  kinds: ['media-type'],
  summary: 'A request media type is now accepted as well.',
  check: ({ direction, before, after, where, mediaType }) =>
    direction === 'request' &&
    before === undefined &&
    after !== undefined &&
    `${where}: request body media type ${mediaType} is now accepted`,
});
