// The secrets one exchange carries, wherever a client or server put them: passwords in a JSON
// body (strings, numbers, lists; also when the body is cut off or past the kit's JSON limits), in
// a form body or the query string; tokens in either body and in headers (Authorization, cookies,
// and any header whose name says key, token, secret, session or password, such as X-Api-Key or
// a response's X-Session-Token); HTTP Basic credentials decoded. The console, the reports and the
// HAR writer mask them by value (see common/secret-search.ts).
import { walkJson } from '../common/bounded-json.ts';
import type { Secrets } from './redact.ts';
import { tokensIn } from './redact.ts';

const passwordKey = /pass(word)?|secret|pwd/i;
const tokenKey = /token$|^(api[-_]?)?key$|session/i;
const userKey = /^(user(name)?|login|email)$/i;
/** Header names whose whole value is a credential. */
const secretHeader = /key|token|secret|session|passw|credential/i;

/**
 * Secrets are looked for even in bodies past the kit's JSON limits (a password beside a 5,000-deep
 * member must still be masked): V8's JSON.parse does not recurse, and the walks below stop at the
 * depth limit.
 */
function parse(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Strings and numbers under password-like member names, also inside a list or object there. */
export function passwordsIn(value: unknown): string[] {
  const found: string[] = [];
  walkJson(value, ({ key, value: child }) => {
    if (typeof key !== 'string' || !passwordKey.test(key)) return;
    walkJson(child, ({ value: leaf }) => {
      if (typeof leaf === 'string' && leaf !== '') found.push(leaf);
      else if (typeof leaf === 'number') found.push(String(leaf));
    });
    return false;
  });
  return found;
}

/** Top-level user names of a login body: `base64(user:password)` is then found too. */
function usersIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, user]) => (userKey.test(key) && typeof user === 'string' ? [user] : []));
}

/**
 * Password members in JSON text that does not parse (cut off, or malformed): `"password": "…"`
 * (closing quote or not) and `"password": 123`, member names in any JSON escaping.
 */
function passwordsInText(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.){1,64})"\s*:\s*(?:"((?:[^"\\]|\\.)*)"?|(-?\d[\d.eE+-]*))/g)) {
    const key = unescapeJson(match[1] ?? '');
    if (!passwordKey.test(key)) continue;
    const value = match[2] !== undefined ? unescapeJson(match[2]) : match[3];
    if (value) found.push(value);
  }
  return found;
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** `name=value` pairs of a form body or a query string (undefined when the text is not one). */
function formPairs(text: string): [string, string][] {
  if (!/^[^{[\s"][^\s]*=/.test(text)) return [];
  try {
    return [...new URLSearchParams(text)];
  } catch {
    return [];
  }
}

function fromPairs(pairs: [string, string][], secrets: Required<Secrets>): void {
  for (const [key, value] of pairs) {
    if (value === '') continue;
    if (passwordKey.test(key)) secrets.passwords.push(value);
    else if (tokenKey.test(key)) secrets.tokens.push(value);
    else if (userKey.test(key)) secrets.users.push(value);
  }
}

/** Credentials in headers: Authorization (Basic decoded), cookies, and headers named like secrets. */
function headerSecrets(headers: Record<string, string>, secrets: Required<Secrets>): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const [scheme = '', credential] = value.trim().split(/\s+/);
      if (!credential) {
        if (scheme) secrets.tokens.push(scheme);
        continue;
      }
      secrets.tokens.push(credential);
      if (scheme.toLowerCase() === 'basic') {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
          secrets.users.push(decoded.slice(0, colon));
          secrets.passwords.push(decoded.slice(colon + 1));
        }
      }
    } else if (lower === 'cookie' || lower === 'set-cookie') {
      for (const pair of value.split(/[;,]/)) {
        const eq = pair.indexOf('=');
        const cookie = eq > 0 ? pair.slice(eq + 1).trim() : '';
        if (cookie.length >= 8) secrets.tokens.push(cookie);
      }
    } else if (secretHeader.test(lower) && value.trim() !== '') {
      secrets.tokens.push(value.trim());
    }
  }
}

export interface SecretSource {
  /** Path and query as sent (the query may carry secrets too). */
  url?: string | undefined;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseHeaders?: Record<string, string> | undefined;
  responseText?: string | undefined;
}

export function secretsOf(source: SecretSource): Secrets {
  const request = parse(source.requestBody);
  const response = parse(source.responseText);
  const secrets: Required<Secrets> = {
    passwords: passwordsIn(request),
    tokens: [...tokensIn(request), ...tokensIn(response)],
    users: usersIn(request),
  };
  if (request === undefined && source.requestBody) {
    secrets.passwords.push(...passwordsInText(source.requestBody));
    fromPairs(formPairs(source.requestBody), secrets);
  }
  const query = source.url?.split('?')[1];
  if (query) fromPairs(formPairs(query), secrets);
  headerSecrets(source.requestHeaders, secrets);
  headerSecrets(source.responseHeaders ?? {}, secrets);
  return secrets;
}
