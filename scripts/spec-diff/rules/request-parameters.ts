/**
 * Rules on request parameters: removed, added, required or optional.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { defineRule } from '../define-rule.ts';
import { removalAllowed } from '../sunset.ts';
import type { Json, ParameterNode } from '../types.ts';

/** Path parameters are always required, whatever the document says. */
function parameterRequired(parameter: Json, location: string): boolean {
  return location === 'path' || parameter.required === true;
}

function label({ in: location, name }: ParameterNode): string {
  return `${location} parameter \`${name}\``;
}

export const requestParameterRemoved = defineRule({
  id: 'request-parameter-removed',
  level: 'WARN',
  kinds: ['parameter'],
  summary: 'A parameter was removed: clients still sending it are ignored or refused.',
  check: (node, { deprecation }) =>
    node.before !== undefined &&
    node.after === undefined &&
    !removalAllowed(node.before, deprecation) &&
    `${node.where}: ${label(node)} was removed; clients still sending it are ignored or refused`,
});

export const newRequiredRequestParameter = defineRule({
  id: 'new-required-request-parameter',
  level: 'ERR',
  kinds: ['parameter'],
  summary: 'A required parameter was added: existing clients do not send it.',
  check: (node) =>
    node.before === undefined &&
    node.after !== undefined &&
    parameterRequired(node.after, node.in) &&
    `${node.where}: required ${label(node)} was added; existing clients do not send it`,
});

export const newOptionalRequestParameter = defineRule({
  id: 'new-optional-request-parameter',
  level: 'INFO',
  kinds: ['parameter'],
  summary: 'An optional parameter was added.',
  check: (node) =>
    node.before === undefined &&
    node.after !== undefined &&
    !parameterRequired(node.after, node.in) &&
    `${node.where}: optional ${label(node)} was added`,
});

export const requestParameterBecameRequired = defineRule({
  id: 'request-parameter-became-required',
  level: 'ERR',
  kinds: ['parameter'],
  summary: 'An optional parameter became required.',
  check: (node) =>
    node.before !== undefined &&
    node.after !== undefined &&
    !parameterRequired(node.before, node.in) &&
    parameterRequired(node.after, node.in) &&
    `${node.where}: ${label(node)} became required; clients that omit it are refused`,
});

export const requestParameterBecameOptional = defineRule({
  id: 'request-parameter-became-optional',
  level: 'INFO',
  kinds: ['parameter'],
  summary: 'A required parameter became optional.',
  check: (node) =>
    node.before !== undefined &&
    node.after !== undefined &&
    parameterRequired(node.before, node.in) &&
    !parameterRequired(node.after, node.in) &&
    `${node.where}: ${label(node)} became optional`,
});
