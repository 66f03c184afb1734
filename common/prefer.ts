/**
 * The scenario protocol every mock reads and the typed client writes: the `Prefer` request header
 * (RFC 7240), following Prism's protocol: `Prefer: code=401`, `Prefer: example=NAME`, or both
 * (`Prefer: code=401, example=expired-token`). Two preferences of our own model frontend failure
 * modes: `delay=MS` (answer late) and `network-error` (drop the connection, so `fetch` rejects).
 * Unknown preferences are ignored, as RFC 7240 asks; a known one with an unusable value is
 * reported so the caller can answer 422.
 *
 * One `Scenario` shape serves the client's `prefer`, the handlers' and the server's `scenario`,
 * and the parsed header; a request's own scenario replaces a server-wide or fixed one whole.
 */

/** A scenario: sent per request as a `Prefer` header, or fixed for a whole mock. */
export interface Scenario {
  /** Answer with this documented status code. */
  code?: number;
  /** Answer with the named example (the spec's `examples` key). */
  example?: string;
  /** Wait this many milliseconds before answering. */
  delay?: number;
  /** Fail at the network level instead of answering. */
  networkError?: boolean;
}

/** Whether a scenario asks for anything (an empty one leaves the mock's other settings in charge). */
export function hasPreferences(scenario: Scenario): boolean {
  return (
    scenario.code !== undefined ||
    scenario.example !== undefined ||
    scenario.delay !== undefined ||
    scenario.networkError === true
  );
}

export type PreferResult = { ok: true; scenario: Scenario } | { ok: false; problem: string };

/** Longest accepted `delay`, so a typo cannot park a request for hours. */
export const MAX_DELAY_MS = 60_000;

const NONE: PreferResult = Object.freeze({ ok: true, scenario: Object.freeze({}) });

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Parses a `Prefer` header value (several headers joined with `, ` read the same). */
export function parsePrefer(header: string | null | undefined): PreferResult {
  if (!header) return NONE;
  const scenario: Scenario = {};
  for (const item of header.split(',')) {
    // `;` starts the preference's parameters, which none of ours use (RFC 7240 §2).
    const preference = item.split(';', 1)[0]?.trim() ?? '';
    if (!preference) continue;
    const eq = preference.indexOf('=');
    const name = (eq === -1 ? preference : preference.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? undefined : unquote(preference.slice(eq + 1).trim());
    switch (name) {
      case 'code': {
        if (value === undefined || !/^[1-5]\d\d$/.test(value)) {
          return { ok: false, problem: `Prefer: code must be an HTTP status code such as 401, got '${value ?? ''}'` };
        }
        scenario.code = Number(value);
        break;
      }
      case 'example': {
        if (!value) return { ok: false, problem: 'Prefer: example needs a name, e.g. example=wrong-credentials' };
        scenario.example = value;
        break;
      }
      case 'delay': {
        if (value === undefined || !/^\d{1,6}$/.test(value) || Number(value) > MAX_DELAY_MS) {
          return {
            ok: false,
            problem: `Prefer: delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got '${value ?? ''}'`,
          };
        }
        scenario.delay = Number(value);
        break;
      }
      case 'network-error': {
        if (value !== undefined && value !== 'true') {
          return { ok: false, problem: `Prefer: network-error takes no value, got '${value}'` };
        }
        scenario.networkError = true;
        break;
      }
      default:
        break;
    }
  }
  return { ok: true, scenario };
}

/** A token as RFC 9110 defines it: what a preference's value may hold without quoting. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Formats a scenario as a `Prefer` header value (the inverse of `parsePrefer`), or undefined when
 * it asks for nothing. Throws a RangeError for a value no mock would accept.
 */
export function formatPrefer(scenario: Scenario | undefined): string | undefined {
  if (!scenario) return undefined;
  const parts: string[] = [];
  const { code, example, delay, networkError } = scenario;
  if (code !== undefined) {
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw new RangeError(`Prefer code must be an HTTP status (100-599), got ${code}`);
    }
    parts.push(`code=${code}`);
  }
  if (example !== undefined) {
    if (!TOKEN.test(example)) throw new RangeError(`Prefer example must be a plain name, got "${example}"`);
    parts.push(`example=${example}`);
  }
  if (delay !== undefined) {
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_MS) {
      throw new RangeError(
        `Prefer delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${delay}`,
      );
    }
    parts.push(`delay=${delay}`);
  }
  if (networkError) parts.push('network-error');
  return parts.length > 0 ? parts.join(', ') : undefined;
}
