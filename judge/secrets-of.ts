// The secrets one exchange carries: passwords in the request body, tokens in either body and in
// the Authorization and cookie headers. The console, the reports and the HAR writer mask them.
import { walkJson } from '../common/bounded-json.ts';
import type { Secrets } from './redact.ts';
import { tokensIn } from './redact.ts';

const passwordKey = /pass(word)?|secret|pwd/i;

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

/** Strings (and numbers: a password may be sent as one) under password-like member names. */
export function passwordsIn(value: unknown): string[] {
  const found: string[] = [];
  walkJson(value, ({ key, value: child }) => {
    if (typeof key !== 'string' || !passwordKey.test(key)) return;
    if (typeof child === 'string' && child !== '') found.push(child);
    else if (typeof child === 'number') found.push(String(child));
  });
  return found;
}

/** Credentials in headers: `Authorization: Bearer X` / `Basic X`, and cookie values. */
function headerSecrets(headers: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const credential = value.trim().split(/\s+/).at(-1);
      if (credential) found.push(credential);
    } else if (lower === 'cookie' || lower === 'set-cookie') {
      for (const pair of value.split(/[;,]/)) {
        const eq = pair.indexOf('=');
        const cookie = eq > 0 ? pair.slice(eq + 1).trim() : '';
        if (cookie.length >= 8) found.push(cookie);
      }
    }
  }
  return found;
}

export interface SecretSource {
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseHeaders?: Record<string, string> | undefined;
  responseText?: string | undefined;
}

export function secretsOf(source: SecretSource): Secrets {
  const request = parse(source.requestBody);
  const response = parse(source.responseText);
  return {
    passwords: passwordsIn(request),
    tokens: [
      ...tokensIn(request),
      ...tokensIn(response),
      ...headerSecrets(source.requestHeaders),
      ...headerSecrets(source.responseHeaders ?? {}),
    ],
  };
}
