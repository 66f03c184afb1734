/**
 * Turns the `host` and `path` an api-method block gives into an OpenAPI server and path: markdown
 * escapes and stray spaces removed, a full URL written in `host` split into origin and path,
 * placeholders written `{{x}}`, `<x>`, `[x]`, `:x` read as `{x}`, a query string moved out of the
 * path, and one server prefix shared by every operation of the page.
 * https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { unescapeMarkdown } from './gitbook-parse.ts';

export interface RawUrl {
  host: string;
  path: string;
  line: number;
}

export interface NormalisedUrl {
  /** Server URL for this operation, undefined when the page gives no host. */
  server: string | undefined;
  /** OpenAPI path, always starting with `/`, placeholders as `{name}`. */
  path: string;
  /** Query parameters written into the path (`?a=1&b=`), name → example value. */
  query: [string, string][];
}

export interface NormalisedUrls {
  /** The server shared by the operations (the first operation's origin), undefined when none. */
  server: string | undefined;
  operations: NormalisedUrl[];
  warnings: string[];
}

/** `{{x}}`, `<x>`, `[x]` → `{x}`; names may hold hyphens and spaces (`<Org Slug>`), kept as written. */
function placeholders(text: string): string {
  return text
    .replace(/\{\{\s*([\w.-][\w. -]*?)\s*\}\}/g, '{$1}')
    .replace(/<\s*([\w.-][\w. -]*?)\s*>/g, '{$1}')
    .replace(/\[([\w.-]+)\]/g, '{$1}');
}

/**
 * `:name` opening a segment (hyphens included: `:event-type-name`) → `{name}`; a colon inside a
 * segment (`/v1/things:batchGet`, `/time/12:30`) is part of the path.
 */
function colonPlaceholders(text: string): string {
  return text.replace(/(^|\/):([A-Za-z_](?:[\w-]*\w)?)/g, '$1{$2}');
}

function clean(text: string): string {
  return placeholders(unescapeMarkdown(text).trim());
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

interface SplitHost {
  origin: string | undefined;
  base: string[];
}

function splitHost(rawHost: string, line: number, warnings: string[]): SplitHost {
  let host = clean(rawHost);
  if (host === '') return { origin: undefined, base: [] };
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(host) && !host.startsWith('{') && !host.startsWith('/')) {
    warnings.push(`line ${line}: host ${JSON.stringify(rawHost.trim())} has no scheme; read as https://${host}`);
    host = `https://${host}`;
  }
  const afterScheme = host.indexOf('://') + 3;
  const slash = host.startsWith('/') ? 0 : host.indexOf('/', afterScheme < 3 ? 0 : afterScheme);
  if (slash === -1) return { origin: host, base: [] };
  const origin = host.slice(0, slash) || undefined;
  return { origin, base: segments(colonPlaceholders(host.slice(slash).replace(/[?#].*$/, ''))) };
}

function splitPath(rawPath: string, line: number, warnings: string[]): { parts: string[]; query: [string, string][] } {
  // Placeholders are read in the path only: `?params[id]=1` names a query parameter `params[id]`.
  const written = unescapeMarkdown(rawPath).trim();
  const mark = written.search(/[?#]/);
  const path = colonPlaceholders(placeholders(mark === -1 ? written : written.slice(0, mark)));
  const query: [string, string][] = [];
  if (mark !== -1) {
    const search = written.slice(mark).replace(/#.*$/, '');
    for (const [name, value] of new URLSearchParams(search.replace(/^\?/, ''))) {
      if (name.trim()) query.push([name.trim(), value]);
    }
    warnings.push(
      `line ${line}: path ${JSON.stringify(rawPath.trim())} carries a query string; read as query parameters`,
    );
  }
  if (/\/$/.test(path) && path.length > 1) {
    warnings.push(`line ${line}: path ${JSON.stringify(rawPath.trim())} ends with /; read without it`);
  }
  return { parts: segments(path), query };
}

function startsWith(parts: string[], prefix: string[]): boolean {
  return prefix.length > 0 && prefix.every((s, i) => parts[i] === s);
}

function commonPrefix(lists: string[][]): string[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  let length = first.length;
  for (const list of rest) {
    let i = 0;
    while (i < length && list[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length);
}

function join(origin: string | undefined, parts: string[]): string | undefined {
  if (origin === undefined) return parts.length ? `/${parts.join('/')}` : undefined;
  return parts.length ? `${origin}/${parts.join('/')}` : origin;
}

export function normaliseUrls(urls: RawUrl[]): NormalisedUrls {
  const warnings: string[] = [];
  const split = urls.map((u) => {
    const host = splitHost(u.host, u.line, warnings);
    const path = splitPath(u.path, u.line, warnings);
    // `path=""` with the whole URL in `host`: the host's path is the operation's path.
    if (path.parts.length === 0 && host.base.length > 0) {
      path.parts = host.base;
      host.base = [];
    }
    // A path that repeats the host's own path (`host=/api/v1 path=/api/v1/x`) means it once.
    if (startsWith(path.parts, host.base)) {
      warnings.push(`line ${u.line}: path ${JSON.stringify(u.path.trim())} repeats the host's path; read once`);
      path.parts = path.parts.slice(host.base.length);
    }
    return { ...host, ...path };
  });
  const origin = split.find((s) => s.origin !== undefined)?.origin;
  const shared = commonPrefix(split.filter((s) => s.origin === origin && origin !== undefined).map((s) => s.base));
  const server = join(origin, shared);
  const operations = split.map((s) => {
    if (s.origin !== undefined && s.origin !== origin) {
      return { server: join(s.origin, s.base), path: `/${s.parts.join('/')}`, query: s.query };
    }
    const own = s.origin === undefined ? [] : s.base.slice(shared.length);
    return { server, path: `/${[...own, ...s.parts].join('/')}`, query: s.query };
  });
  return { server, operations, warnings };
}

/**
 * Server variables for the `{name}` placeholders of a server URL (OpenAPI requires a default);
 * `described` holds what the page says of a placeholder, where it says something.
 */
export function serverObject(url: string, described: ReadonlyMap<string, string> = new Map()): Record<string, unknown> {
  const names = [...new Set([...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string))];
  if (names.length === 0) return { url };
  return {
    url,
    variables: Object.fromEntries(
      names.map((name) => [
        name,
        { default: name, description: described.get(name) || `Placeholder {${name}} in the docs' host` },
      ]),
    ),
  };
}
