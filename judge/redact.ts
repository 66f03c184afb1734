// Passwords and tokens never reach a console line or a report: everything the kit prints passes
// through a redactor that knows the secrets of the run and also masks anything shaped like one.
import { jsonLimits, walkJson } from '../common/bounded-json.ts';
import { createSecretIndex, createSecretSearch, type SecretSearch } from '../common/secret-search.ts';

/** How a token is shown: its first 8 characters (for JWTs, the harmless header start) and an ellipsis. */
export function maskToken(token: string): string {
  if (token.endsWith('…')) return token; // already masked
  return token.length > 16 ? `${token.slice(0, 8)}…` : '…';
}

export const maskedPassword = '***';

export interface Secrets {
  passwords: string[];
  tokens: string[];
  /** User names, so `base64(user:password)` (HTTP Basic) is found too. */
  users?: string[];
}

const jwtLike = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const secretKey = /pass(word)?|secret|pwd/i;
const tokenKey = /token$/i;

/** Keys whose string values are masked wherever they appear (JSON or form text). */
function maskByKey(text: string, maskTokens = true): string {
  const tokenField = maskTokens ? tokenKey : /(?!)/;
  // JSON: "password": "…"  /  "refresh_token": "…"
  let out = text.replace(
    /("([^"\\]*)"\s*:\s*")((?:[^"\\]|\\.)*)"/g,
    (whole, head: string, key: string, value: string) => {
      if (secretKey.test(key)) return `${head}${maskedPassword}"`;
      if (tokenField.test(key)) return `${head}${maskToken(value)}"`;
      return whole;
    },
  );
  // JSON string cut off before its closing quote (a truncated body)
  out = out.replace(/("([^"\\]*)"\s*:\s*")((?:[^"\\]|\\.)*)$/g, (whole, head: string, key: string, value: string) => {
    if (secretKey.test(key)) return `${head}${maskedPassword}`;
    if (tokenField.test(key)) return `${head}${maskToken(value)}`;
    return whole;
  });
  // form or query text: password=…&
  out = out.replace(/(^|[?&\s])([\w.-]+)=([^&\s]*)/g, (whole, lead: string, key: string, value: string) => {
    if (secretKey.test(key)) return `${lead}${key}=${maskedPassword}`;
    if (tokenField.test(key)) return `${lead}${key}=${maskToken(value)}`;
    return whole;
  });
  return out;
}

/** Masks password-like fields only: for text whose tokens are placeholders, not secrets. */
export const maskPasswordFields = (text: string) => maskByKey(text, false);

/** Redacts one piece of text. Secrets shorter than 3 characters are only masked by key. */
export function redactText(text: string, secrets: Secrets): string {
  return replaceKnown(maskByKey(text), secrets).replace(jwtLike, (token) => maskToken(token));
}

/** Compiled searches of the last few secret sets (a run redacts many strings with the same set). */
const searches = new Map<string, SecretSearch>();

function searchFor(secrets: Secrets): SecretSearch {
  const key = JSON.stringify([secrets.passwords, secrets.tokens, secrets.users ?? []]);
  let search = searches.get(key);
  if (!search) {
    search = createSecretSearch(
      [
        // A token's mask shows its first 8 characters: shorter pieces of it are no leak.
        ...secrets.tokens.map((value) => ({ value, mask: maskToken(value), fragmentMin: 9 })),
        ...secrets.passwords.map((value) => ({ value, mask: maskedPassword })),
      ],
      { users: secrets.users ?? [] },
    );
    if (searches.size >= 16) searches.delete(searches.keys().next().value as string);
    searches.set(key, search);
  }
  return search;
}

/**
 * Replaces the run's known secrets with their masks, by value: as they are, JSON-, HTML- or
 * URL-encoded (even mixed), in base64 (also of `user:password`), with runs of spaces collapsed,
 * and pieces of them cut off at the text's ends or an ellipsis (see common/secret-search.ts).
 */
export function replaceKnown(text: string, secrets: Secrets): string {
  return searchFor(secrets).redact(text);
}

/**
 * The one redaction for any text a report shows (console, JUnit, JSON, HTML): secrets by value
 * in every encoding, password and token fields by name, anything shaped like a JWT.
 */
export const redactReportText = (text: string, secrets: Secrets): string => redactText(text, secrets);

/** Every string inside a value passed through `redact` (for structured reports); nesting past the limit is dropped. */
export function mapStrings<T>(value: T, redact: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= jsonLimits.maxDepth) return '[nested too deep to show]' as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, redact, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, redact, depth + 1)])) as T;
}

/** Redacts every string inside a value (for structured reports). */
export const redactDeep = <T>(value: T, secrets: Secrets): T => mapStrings(value, (text) => redactText(text, secrets));

/**
 * The secrets of a whole session (the proxy, a recording), learnt exchange by exchange: a password
 * sent in one exchange and echoed in a later one is masked there too. One index, so each text is
 * read once however many secrets the session has seen.
 */
export function createSessionRedactor(): { learn(secrets: Secrets): void; redact<T>(value: T): T } {
  const index = createSecretIndex();
  return {
    learn(secrets) {
      index.add(
        [
          ...secrets.tokens.map((value) => ({ value, mask: maskToken(value), fragmentMin: 9 })),
          ...secrets.passwords.map((value) => ({ value, mask: maskedPassword })),
        ],
        secrets.users ?? [],
      );
    },
    redact: (value) => mapStrings(value, index.redact),
  };
}

/** Collects token-like strings from a parsed body so later output can mask them. */
export function tokensIn(value: unknown, found: string[] = []): string[] {
  walkJson(value, ({ key, value: child }) => {
    if (
      typeof child === 'string' &&
      child.length > 0 &&
      ((typeof key === 'string' && tokenKey.test(key)) || /^eyJ/.test(child))
    )
      found.push(child);
  });
  return found;
}
