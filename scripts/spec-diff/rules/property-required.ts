/**
 * Rules on properties becoming required or optional, in requests and in responses.
 * Clients *read* responses, so a response may only get narrower (fewer types, fewer values, more
 * guarantees); clients *send* requests, so a request may only get wider. "property" in a rule id
 * covers the body or parameter schema itself as well as nested properties; the reason names which.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { both } from '../schema-pair.ts';
import type { Direction, SchemaNode } from '../types.ts';

function requiredMove(node: SchemaNode, direction: Direction, from: boolean, to: boolean): boolean {
  return (
    both(node, direction) &&
    node.property !== undefined &&
    node.property.requiredBefore === from &&
    node.property.requiredAfter === to
  );
}

export const responsePropertyBecameOptional = defineRule({
  id: 'response-property-became-optional',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'A required response property became optional: clients relying on it meet its absence.',
  check: (node) =>
    requiredMove(node, 'response', true, false) &&
    `${node.where}: ${node.subject} became optional; clients relying on it being present break`,
});

export const responsePropertyBecameRequired = defineRule({
  id: 'response-property-became-required',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'An optional response property became required.',
  check: (node) =>
    requiredMove(node, 'response', false, true) && `${node.where}: ${node.subject} became required (always present)`,
});

export const requestPropertyBecameRequired = defineRule({
  id: 'request-property-became-required',
  level: 'ERR',
  kinds: ['schema'],
  summary: 'An optional request property became required: clients that omit it are refused.',
  check: (node) =>
    requiredMove(node, 'request', false, true) &&
    `${node.where}: ${node.subject} became required; clients that omit it are refused`,
});

export const requestPropertyBecameOptional = defineRule({
  id: 'request-property-became-optional',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A required request property became optional.',
  check: (node) => requiredMove(node, 'request', true, false) && `${node.where}: ${node.subject} became optional`,
});
