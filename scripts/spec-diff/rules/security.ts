/**
 * Rules on security requirements: ways to authenticate (or calling anonymously) removed or added.
 * https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import { defineRule } from '../define-rule.ts';
import { canonical } from '../schema-facts.ts';
import type { Json } from '../types.ts';

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
