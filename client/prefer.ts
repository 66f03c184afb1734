// The scenario protocol shared by the msw handlers, the node mock server and Prism: an RFC 7240
// `Prefer` header such as `code=401, example=wrong-credentials, delay=2000`.

/** What a client asks a mock for. Real servers ignore the header. */
export interface Prefer {
  /** Answer with this status (`Prefer: code=401`). */
  code?: number;
  /** Answer with this named example from the spec (`Prefer: example=wrong-credentials`). */
  example?: string;
  /** Answer after this many milliseconds (`Prefer: delay=2000`). */
  delay?: number;
  /** Further preferences, written as given (for example a mock's network-error switch). */
  extra?: readonly string[];
}

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Formats a Prefer header value, or undefined when there is nothing to ask for. */
export function formatPrefer(prefer: Prefer | undefined): string | undefined {
  if (!prefer) return undefined;
  const parts: string[] = [];
  if (prefer.code !== undefined) {
    if (!Number.isInteger(prefer.code) || prefer.code < 100 || prefer.code > 599) {
      throw new RangeError(`Prefer code must be an HTTP status (100-599), got ${prefer.code}`);
    }
    parts.push(`code=${prefer.code}`);
  }
  if (prefer.example !== undefined) {
    if (!TOKEN.test(prefer.example))
      throw new RangeError(`Prefer example must be a plain name, got "${prefer.example}"`);
    parts.push(`example=${prefer.example}`);
  }
  if (prefer.delay !== undefined) {
    if (!Number.isInteger(prefer.delay) || prefer.delay < 0) {
      throw new RangeError(`Prefer delay must be a whole number of milliseconds, got ${prefer.delay}`);
    }
    parts.push(`delay=${prefer.delay}`);
  }
  for (const item of prefer.extra ?? []) {
    const [name, value, ...rest] = item.split('=');
    if (!name || !TOKEN.test(name) || (value !== undefined && !TOKEN.test(value)) || rest.length > 0) {
      throw new RangeError(`Prefer item must look like "name" or "name=value", got "${item}"`);
    }
    parts.push(item);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}
