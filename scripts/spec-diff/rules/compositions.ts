/**
 * allOf / anyOf / oneOf compared by meaning: which payloads are accepted before and after, not how
 * many members the list has. Members are paired by `$ref`, then by shape (the walker does that, and
 * compares paired members as schemas), so only members that truly came or went reach these rules.
 * - anyOf/oneOf: every member is a way to be valid. A request losing one refuses payloads only it
 *   accepted; a response gaining one may carry a shape clients never parse.
 * - allOf: every member must hold. A request gaining one accepts less; a response losing one
 *   promises less.
 * https://json-schema.org/draft/2020-12/json-schema-core#section-10.2.1
 */
import { defineRule } from '../define-rule.ts';
import type { CompositionNode } from '../types.ts';

const alternatives = (node: CompositionNode) => node.keyword !== 'allOf';
const list = (names: string[]) => names.join(', ');

export const requestAlternativeRemoved = defineRule({
  id: 'request-alternative-removed',
  level: 'ERR',
  kinds: ['composition'],
  summary: 'An anyOf/oneOf alternative was removed from a request schema: payloads only it accepted are refused.',
  check: (node) =>
    node.direction === 'request' &&
    alternatives(node) &&
    node.after !== undefined &&
    node.removed.length > 0 &&
    `${node.where}: ${node.subject} no longer accepts the ${node.keyword} alternative ${list(node.removed)}; clients sending that shape are refused`,
});

export const requestAllOfAdded = defineRule({
  id: 'request-all-of-added',
  level: 'ERR',
  kinds: ['composition'],
  summary: 'An allOf member was added to a request schema: payloads must now satisfy it too.',
  check: (node) =>
    node.direction === 'request' &&
    node.keyword === 'allOf' &&
    node.added.length > 0 &&
    `${node.where}: ${node.subject} must now also satisfy ${list(node.added)} (allOf); payloads that passed may be refused`,
});

/**
 * A oneOf refuses a payload that matches more than one alternative, so a request schema turned into
 * a oneOf refuses every old payload the new alternatives both accept (oasdiff's reading too).
 */
export const requestWrappedInOneOf = defineRule({
  id: 'request-wrapped-in-one-of',
  level: 'ERR',
  kinds: ['composition'],
  summary: 'A request schema became a oneOf of alternatives: an old payload matching more than one of them is refused.',
  check: (node) =>
    node.direction === 'request' &&
    node.keyword === 'oneOf' &&
    node.wrap === 'wrapped' &&
    (node.after?.length ?? 0) > 1 &&
    `${node.where}: ${node.subject} became a oneOf of ${node.after?.length} alternatives; a payload that matches more than one is refused`,
});

export const responseAlternativeAdded = defineRule({
  id: 'response-alternative-added',
  level: 'ERR',
  kinds: ['composition'],
  summary: 'An anyOf/oneOf alternative was added to a response schema: clients meet a shape they do not parse.',
  check: (node) =>
    node.direction === 'response' &&
    alternatives(node) &&
    node.added.length > 0 &&
    `${node.where}: ${node.subject} may now be the ${node.keyword} alternative ${list(node.added)}; clients parsing the old shapes break`,
});

export const responseAllOfRemoved = defineRule({
  id: 'response-all-of-removed',
  level: 'WARN',
  kinds: ['composition'],
  summary: 'An allOf member was removed from a response schema: what it guaranteed may no longer hold.',
  check: (node) =>
    node.direction === 'response' &&
    node.keyword === 'allOf' &&
    node.after !== undefined &&
    node.removed.length > 0 &&
    `${node.where}: ${node.subject} no longer promises ${list(node.removed)} (allOf); clients relying on it should check`,
});

export const compositionWidened = defineRule({
  id: 'composition-changed-compatibly',
  level: 'INFO',
  kinds: ['composition'],
  summary:
    'A composition changed the compatible way: a request accepts a new alternative or drops an allOf member; a response drops an alternative or adds an allOf member.',
  check: (node) => {
    const request = node.direction === 'request';
    const [gained, lost] = alternatives(node)
      ? request
        ? [node.added, []]
        : [[], node.removed]
      : request
        ? [[], node.removed]
        : [node.added, []];
    const changed = [...gained.map((name) => `${name} added`), ...lost.map((name) => `${name} removed`)];
    return changed.length > 0 && `${node.where}: ${node.subject} ${node.keyword}: ${changed.join(', ')} (compatible)`;
  },
});
