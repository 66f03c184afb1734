/**
 * Rules on security requirements: ways to authenticate (or calling anonymously) removed or added.
 * https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import { defineRule } from '../define-rule.ts';
import type { Json } from '../types.ts';

interface Alternative {
  /** Scheme name to the scopes it asks for. */
  schemes: Map<string, Set<string>>;
  label: string;
}

/** The alternatives of a security requirement list; none listed means anyone may call. */
function alternatives(requirements: Json[] | undefined): Alternative[] {
  const list = requirements?.length ? requirements : [{}];
  return list.map((requirement) => {
    const entries = Object.entries(requirement).sort(([a], [b]) => a.localeCompare(b));
    const schemes = new Map(
      entries.map(([scheme, scopes]) => [scheme, new Set(Array.isArray(scopes) ? scopes.map(String) : [])]),
    );
    const label = entries.length
      ? entries.map(([s, scopes]) => (Array.isArray(scopes) && scopes.length ? `${s} (${scopes})` : s)).join(' + ')
      : 'no authentication';
    return { schemes, label };
  });
}

/**
 * Whether a client that met `old` also meets `now`: `now` asks for no scheme `old` did not, and
 * for no scope beyond those `old` asked for. So a scope dropped from a requirement refuses nobody,
 * while a scope added refuses tokens issued without it.
 */
function satisfies(old: Alternative, now: Alternative): boolean {
  return [...now.schemes].every(([scheme, scopes]) => {
    const had = old.schemes.get(scheme);
    return had !== undefined && [...scopes].every((scope) => had.has(scope));
  });
}

export const apiSecurityRemoved = defineRule({
  id: 'api-security-removed',
  level: 'ERR',
  kinds: ['security'],
  summary: 'A way to authenticate (or calling without authentication) is no longer accepted, or now needs more scopes.',
  check: ({ before, after, where }) => {
    const [b, a] = [alternatives(before), alternatives(after)];
    return b
      .filter((old) => !a.some((now) => satisfies(old, now)))
      .map((old) =>
        old.schemes.size === 0
          ? `${where} now requires authentication (${a.map((x) => x.label).join(' or ')}); anonymous clients are refused`
          : `${where} no longer accepts ${old.label}${alike(old, a)}; clients authenticating that way are refused`,
      );
  },
});

/** Names the replacement when the same schemes are still asked for, with other scopes. */
function alike(old: Alternative, now: Alternative[]): string {
  const same = now.find(
    (x) => x.schemes.size === old.schemes.size && [...old.schemes.keys()].every((k) => x.schemes.has(k)),
  );
  return same ? ` (now ${same.label})` : '';
}

export const apiSecurityAdded = defineRule({
  id: 'api-security-added',
  level: 'INFO',
  kinds: ['security'],
  summary: 'A further way to authenticate is accepted, or a requirement asks for fewer scopes.',
  check: ({ before, after, where }) => {
    const [b, a] = [alternatives(before), alternatives(after)];
    // Alternatives that were not there as they are now: new ones, and ones asking for fewer scopes.
    return a
      .filter((now) => !b.some((old) => satisfies(now, old) && satisfies(old, now)))
      .map((now) => `${where} also accepts ${now.label}`);
  },
});
