/**
 * Rules on paths, operations, security, servers and component schemas.
 * https://spec.openapis.org/oas/v3.1.0#paths-object
 */

import { childPointer } from '../../../common/json-pointer.ts';
import { defineRule } from '../define-rule.ts';
import { canonical, isObject } from '../schema-facts.ts';
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
  check: ({ before, after, path }) =>
    before !== undefined &&
    after === undefined &&
    `path ${path} was removed (operations: ${operationsOf(before) || 'none'}); clients calling it fail`,
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
  check: ({ before, after, where }) =>
    before !== undefined && after === undefined && `${where} was removed; clients calling it fail`,
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

/** A security requirement alternative as a comparable key; `{}` (anonymous) is the empty key. */
function alternatives(requirements: Json[] | undefined): Map<string, string> {
  const list = requirements?.length ? requirements : [{}];
  const out = new Map<string, string>();
  for (const requirement of list) {
    const entries = Object.entries(requirement).sort(([a], [b]) => a.localeCompare(b));
    const key = canonical(entries.map(([scheme, scopes]) => [scheme, [...((scopes as string[]) ?? [])].sort()]));
    const label = entries.length
      ? entries.map(([s, scopes]) => ((scopes as string[])?.length ? `${s} (${scopes})` : s)).join(' + ')
      : 'no authentication';
    out.set(key, label);
  }
  return out;
}

const ANONYMOUS = canonical([]);

export const apiSecurityRemoved = defineRule({
  id: 'api-security-removed',
  level: 'ERR',
  kinds: ['security'],
  summary: 'A way to authenticate (or calling without authentication) is no longer accepted.',
  check: ({ before, after, where }) => {
    const [b, a] = [alternatives(before), alternatives(after)];
    if (a.has(ANONYMOUS)) return; // anyone may call it now: nothing a client sends is refused
    return [...b]
      .filter(([key]) => !a.has(key))
      .map(([key, label]) =>
        key === ANONYMOUS
          ? `${where} now requires authentication (${[...a.values()].join(' or ')}); anonymous clients are refused`
          : `${where} no longer accepts ${label}; clients authenticating that way are refused`,
      );
  },
});

export const apiSecurityAdded = defineRule({
  id: 'api-security-added',
  level: 'INFO',
  kinds: ['security'],
  summary: 'A further way to authenticate is accepted.',
  check: ({ before, after, where }) => {
    const [b, a] = [alternatives(before), alternatives(after)];
    return [...a].filter(([key]) => !b.has(key)).map(([, label]) => `${where} also accepts ${label}`);
  },
});

function urls(servers: Json[] | undefined): string[] {
  return (servers ?? []).map((s) => String(s.url));
}

/** Removed and added server URLs, paired in order: a pair reads as one URL replaced by another. */
function serverMoves(before: Json[] | undefined, after: Json[] | undefined) {
  const [b, a] = [urls(before), urls(after)];
  const removed = b.map((url, index) => ({ url, index })).filter(({ url }) => !a.includes(url));
  const added = a.map((url, index) => ({ url, index })).filter(({ url }) => !b.includes(url));
  const paired = Math.min(removed.length, added.length);
  const changed = removed.slice(0, paired).flatMap((r, i) => {
    const now = added[i];
    return now ? [[r, now] as const] : [];
  });
  return { changed, removed, added, paired };
}

export const serverUrlChanged = defineRule({
  id: 'server-url-changed',
  level: 'WARN',
  kinds: ['servers'],
  summary: 'A server URL was replaced: clients configured with the old one must move.',
  check: ({ before, after, where, pointer }) =>
    serverMoves(before, after).changed.map(([old, now]) => ({
      pointer: `${pointer}/${now.index}`,
      reason: `${where}: server URL ${old.url} changed to ${now.url}; clients configured with the old URL must be updated`,
    })),
});

export const serverRemoved = defineRule({
  id: 'server-removed',
  level: 'WARN',
  kinds: ['servers'],
  summary: 'A server was removed.',
  check: ({ before, after, where, pointer }) => {
    const { removed, paired } = serverMoves(before, after);
    return removed.slice(paired).map((r) => ({
      pointer: `${pointer}/${r.index}`,
      reason: `${where}: server ${r.url} was removed; clients configured with it must be updated`,
    }));
  },
});

export const serverAdded = defineRule({
  id: 'server-added',
  level: 'INFO',
  kinds: ['servers'],
  summary: 'A server was added.',
  check: ({ before, after, where, pointer }) => {
    const { added, paired } = serverMoves(before, after);
    return added.slice(paired).map((r) => ({
      pointer: `${pointer}/${r.index}`,
      reason: `${where}: server ${r.url} was added`,
    }));
  },
});

function schemaNames(document: Json | undefined): string[] {
  const components = document?.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  return isObject(schemas) ? Object.keys(schemas) : [];
}

export const componentSchemaRemoved = defineRule({
  id: 'component-schema-removed',
  level: 'WARN',
  kinds: ['document'],
  summary: "A named component schema was removed: generated types lose components['schemas'][name].",
  check: ({ before, after }) => {
    const kept = new Set(schemaNames(after));
    return schemaNames(before)
      .filter((name) => !kept.has(name))
      .map((name) => ({
        pointer: childPointer('/components/schemas', name),
        reason: `component schema ${name} was removed; code using the generated type components['schemas']['${name}'] no longer compiles`,
      }));
  },
});

export const componentSchemaAdded = defineRule({
  id: 'component-schema-added',
  level: 'INFO',
  kinds: ['document'],
  summary: 'A named component schema was added.',
  check: ({ before, after }) => {
    const had = new Set(schemaNames(before));
    return schemaNames(after)
      .filter((name) => !had.has(name))
      .map((name) => ({
        pointer: childPointer('/components/schemas', name),
        reason: `component schema ${name} was added`,
      }));
  },
});
