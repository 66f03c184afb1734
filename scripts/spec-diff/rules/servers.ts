/**
 * Rules on the servers list: a URL replaced, removed or added.
 * https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { defineRule } from '../define-rule.ts';
import type { Json } from '../types.ts';

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
