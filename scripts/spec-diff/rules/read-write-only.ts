/**
 * readOnly and writeOnly transitions. A readOnly property is not part of requests and a writeOnly
 * one not part of responses, so the walker hands a property that turned readOnly to the request
 * rules as removed, and one that stopped being readOnly as added (a required one then is a new
 * required request property, an ERR). These rules name the transition, and judge the one case the
 * presence rules do not: a response property turned writeOnly.
 * https://spec.openapis.org/oas/v3.1.0#fixed-fields-20
 */
import { defineRule } from '../define-rule.ts';

/**
 * Marking a response property writeOnly most often documents a value the server never echoed (a
 * password, a secret): a WARN to check, not the ERR of a removal (oasdiff does not flag it at all).
 */
export const responsePropertyBecameWriteOnly = defineRule({
  id: 'response-property-became-write-only',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A response property became writeOnly: responses no longer carry it; check that none ever did.',
  check: ({ direction, property, where, subject }) =>
    direction === 'response' &&
    property?.visibility === 'became writeOnly' &&
    `${where}: ${subject} became writeOnly, so responses no longer carry it; clients reading it lose it`,
});

export const propertyVisibilityChanged = defineRule({
  id: 'property-visibility-changed',
  level: 'INFO',
  kinds: ['schema'],
  summary:
    'A property became (or stopped being) readOnly or writeOnly: it left or entered requests or responses, judged as a removal or an addition there.',
  check: ({ property, where, subject, direction }) =>
    property?.visibility !== undefined &&
    property.visibility !== 'became writeOnly' &&
    `${where}: ${subject} ${property.visibility}, so it ${property.visibility.startsWith('became') ? 'left' : 'entered'} ${direction}s`,
});
