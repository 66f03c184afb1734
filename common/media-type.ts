// Media types as RFC 9110 §8.3.1 defines them: type and subtype are case-insensitive and may carry
// parameters (`application/json; charset=utf-8`).

export interface MediaType {
  /** `type/subtype`, lower-cased, without parameters. */
  essence: string;
  parameters: Record<string, string>;
}

export function parseMediaType(header: string | null | undefined): MediaType | undefined {
  if (!header) return undefined;
  const [head = '', ...rest] = header.split(';');
  const essence = head.trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~\w-]+\/[!#$%&'*+.^_`|~\w-]+$/.test(essence)) return undefined;
  const parameters: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name) parameters[name] = value;
  }
  return { essence, parameters };
}

/** `application/json` or any `+json` structured syntax suffix (RFC 6839). */
export function isJsonMediaType(mediaType: MediaType | undefined): boolean {
  return mediaType !== undefined && (mediaType.essence === 'application/json' || mediaType.essence.endsWith('+json'));
}
