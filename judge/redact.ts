// Passwords and tokens never reach a console line or a report: everything the kit prints passes
// through a redactor that knows the secrets of the run and also masks anything shaped like one.
import { jsonLimits, walkJson } from '../common/bounded-json.ts';

/** How a token is shown: its first 8 characters (for JWTs, the harmless header start) and an ellipsis. */
export function maskToken(token: string): string {
  if (token.endsWith('…')) return token; // already masked
  return token.length > 16 ? `${token.slice(0, 8)}…` : '…';
}

export const maskedPassword = '***';

export interface Secrets {
  passwords: string[];
  tokens: string[];
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

/** Replaces the run's known secrets (as they are and as they appear inside a JSON string) with their masks. */
export function replaceKnown(text: string, secrets: Secrets): string {
  let out = text;
  const known = [
    ...secrets.tokens.map((value) => ({ value, mask: maskToken(value) })),
    ...secrets.passwords.map((value) => ({ value, mask: maskedPassword })),
  ]
    .filter((s) => s.value.length >= 3)
    .sort((a, b) => b.value.length - a.value.length);
  for (const { value, mask } of known) {
    out = out.replaceAll(value, mask);
    // the same secret as it appears inside a JSON string
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) out = out.replaceAll(escaped, mask);
  }
  return out;
}

/** Redacts every string inside a value (for structured reports); nesting past the limit is dropped. */
export function redactDeep<T>(value: T, secrets: Secrets, depth = 0): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= jsonLimits.maxDepth) return '[nested too deep to show]' as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets, depth + 1)])) as T;
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
