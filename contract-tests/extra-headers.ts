// Headers sent with every request of a run (`--header 'Name: value'`, CONTRACT_HEADERS): what a
// gateway, a WAF or a basic-auth gate in front of staging wants. Values of credential-like headers
// are secrets of the run and never printed.

/** Header names whose values are credentials: Authorization, Cookie, *-Key, *-Token, *-Secret. */
const credentialName = /^(authorization|proxy-authorization|cookie)$|-(key|token|secret)$/i;

export interface ExtraHeaders {
  headers: Record<string, string>;
  /** Values to redact wherever they appear. */
  secrets: string[];
}

/**
 * Parses `Name: value` lines (flags first, then CONTRACT_HEADERS lines); `secretNames` adds names
 * to redact. Returns a message naming the bad line when one is not a header.
 */
export function parseExtraHeaders(lines: string[], secretNames: string[] = []): ExtraHeaders | string {
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  const secretSet = new Set(secretNames.map((n) => n.trim().toLowerCase()));
  for (const line of lines) {
    if (line.trim() === '') continue;
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match) return `--header "${line.split(':')[0]}…" must look like 'Name: value'`;
    const name = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    if (/[\r\n\0]/.test(value)) return `--header ${name}: the value must not contain line breaks`;
    if (name === 'content-type' || name === 'content-length' || name === 'host') {
      return `--header ${name} cannot be set: the checks send it themselves`;
    }
    headers[name] = value;
    if (credentialName.test(name) || secretSet.has(name)) secrets.push(value);
  }
  return { headers, secrets };
}

/** For display: the headers with credential values masked. */
export function shownHeaders(extra: ExtraHeaders): string[] {
  return Object.entries(extra.headers).map(
    ([name, value]) => `${name}: ${extra.secrets.includes(value) ? '***' : value}`,
  );
}
