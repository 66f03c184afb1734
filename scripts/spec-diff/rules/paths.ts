/**
 * Rules on paths and operations: removed, added, renamed operationId, deprecated.
 * https://spec.openapis.org/oas/v3.1.0#paths-object
 */
import { defineRule } from '../define-rule.ts';
import { isObject } from '../schema-facts.ts';
import { removalAllowed } from '../sunset.ts';
import type { Json } from '../types.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(item: Json): string {
  return HTTP_METHODS.filter((m) => isObject(item[m]))
    .map((m) => m.toUpperCase())
    .join(', ');
}

export const apiPathRemoved = defineRule({
  id: 'api-path-removed',
  level: 'ERR',
  kinds: ['path'],
  summary: 'A path was removed: every client call to it fails.',
  check: ({ before, after, path }, { deprecation }) => {
    if (before === undefined || after !== undefined) return;
    // A path without operations could not be called; with the policy, one whose every operation is past its sunset may go.
    const operations = HTTP_METHODS.map((m) => before[m]).filter(isObject);
    if (operations.length === 0 || operations.every((op) => removalAllowed(op, deprecation))) return;
    return `path ${path} was removed (operations: ${operationsOf(before)}); clients calling it fail`;
  },
});

export const apiEmptyPathRemoved = defineRule({
  id: 'api-empty-path-removed',
  level: 'INFO',
  kinds: ['path'],
  summary: 'A path with no operations was removed: there was nothing to call.',
  check: ({ before, after, path }) =>
    before !== undefined &&
    after === undefined &&
    !HTTP_METHODS.some((m) => isObject(before[m])) &&
    `path ${path} was removed; it had no operations, so no client called it`,
});

export const apiPathAdded = defineRule({
  id: 'api-path-added',
  level: 'INFO',
  kinds: ['path'],
  summary: 'A path was added.',
  check: ({ before, after, path }) =>
    before === undefined && after !== undefined && `path ${path} was added (operations: ${operationsOf(after)})`,
});

export const apiRemoved = defineRule({
  id: 'api-removed',
  level: 'ERR',
  kinds: ['operation'],
  summary: 'An operation was removed from a path that still exists.',
  check: ({ before, after, where }, { deprecation }) =>
    before !== undefined &&
    after === undefined &&
    !removalAllowed(before, deprecation) &&
    `${where} was removed; clients calling it fail`,
});

export const endpointAdded = defineRule({
  id: 'endpoint-added',
  level: 'INFO',
  kinds: ['operation'],
  summary: 'An operation was added to an existing path.',
  check: ({ before, after, where }) => before === undefined && after !== undefined && `${where} was added`,
});

export const apiOperationIdChanged = defineRule({
  id: 'api-operation-id-changed',
  level: 'ERR',
  kinds: ['operation'],
  summary: 'An operationId changed or was removed: generated clients and types keyed by it break.',
  check: ({ before, after, where }) => {
    if (!before || !after || typeof before.operationId !== 'string') return;
    if (before.operationId === after.operationId) return;
    const now = typeof after.operationId === 'string' ? `changed to "${after.operationId}"` : 'was removed';
    return `${where}: operationId "${before.operationId}" ${now}; generated clients and types that name it (operations['${before.operationId}']) break`;
  },
});

export const endpointDeprecated = defineRule({
  id: 'endpoint-deprecated',
  level: 'INFO',
  kinds: ['operation'],
  summary: 'An operation was marked deprecated.',
  check: ({ before, after, where }) =>
    before && after && !before.deprecated && after.deprecated === true && `${where} is now deprecated`,
});
