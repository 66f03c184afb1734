// The requests checks ask for, as data built from the spec's paths and field names, and the shared
// answers they read (a valid login, a wrong password …). Who sends them is not the judge's business:
// the active run sends each once (contract-tests/probes.ts); a recorded login answers as itself.
import { getPointer } from '../common/json-pointer.ts';
import type { Api, Operation } from './api.ts';
import type { Exchange, RequestSpec } from './exchange.ts';

/** A JSON request to an operation, with the documented request media type. */
export function jsonRequest(op: Operation, body: unknown, label: string): RequestSpec {
  return rawRequest(op, JSON.stringify(body), op.requestMediaType, label);
}

/** A request with a body sent exactly as given (malformed JSON, wrong Content-Type …). */
export function rawRequest(op: Operation, body: string, contentType: string | undefined, label: string): RequestSpec {
  return {
    method: op.method,
    path: op.path,
    headers: { accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) },
    body,
    label,
  };
}

export type IssuedTokens =
  | { ok: true; access: string | undefined; refresh: string | undefined; exchange: Exchange }
  | { ok: false; reason: string; exchange: Exchange };

export interface Probes {
  /** Login with the configured user and password. */
  validLogin(): Promise<Exchange>;
  /** That login's exchange once it has been answered (or failed); undefined before. */
  sentValidLogin(): Exchange | undefined;
  /** Login with the configured user and a wrong password. */
  wrongPassword(): Promise<Exchange>;
  /** Login with a user that does not exist and the configured password. */
  unknownUser(): Promise<Exchange>;
  /** The same with another unknown user: tells per-request noise (timestamps, ids) from real differences. */
  unknownUserAgain(): Promise<Exchange>;
  /** The tokens the valid login handed out, whatever else was wrong with its answer. */
  tokens(): Promise<IssuedTokens>;
  /** Refresh with the refresh token from the valid login; undefined when there is none. */
  refreshWithIssuedToken(): Promise<Exchange | undefined>;
  /** Names the kit made up for this run (an unknown user, a wrong password). */
  readonly made: { unknownUser: string; unknownUserAgain: string; wrongPassword: string };
}

/** The tokens a login answer handed out, whatever else was wrong with it, or why there are none. */
export function issuedTokens(exchange: Exchange, api: Api): IssuedTokens {
  const json = exchange.response?.json;
  if (!exchange.response) {
    return { ok: false, reason: `the login request failed: ${exchange.failure?.message ?? 'no answer'}`, exchange };
  }
  if (!json?.ok) return { ok: false, reason: `the login answer is not JSON (${json?.error})`, exchange };
  const pick = (pointer: string) => {
    const value = getPointer(json.value, pointer);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const access = pick(api.tokens.access.pointer);
  const refresh = pick(api.tokens.refresh.pointer);
  if (!access && !refresh) {
    return {
      ok: false,
      reason: `the login answer (status ${exchange.response.status}) holds no ${api.tokens.access.pointer} or ${api.tokens.refresh.pointer}`,
      exchange,
    };
  }
  return { ok: true, access, refresh, exchange };
}

/**
 * Probes over one recorded login answer: the valid login is that exchange and its tokens are the
 * ones it handed out; a probe that would need a request of its own fails, since nothing is sent.
 */
export function recordedProbes(exchange: Exchange, api: Api): Probes {
  const unsendable = (): Promise<never> => Promise.reject(new Error('a recorded exchange cannot send requests'));
  return {
    get made(): Probes['made'] {
      throw new Error('a recorded exchange made up no names');
    },
    validLogin: async () => exchange,
    sentValidLogin: () => exchange,
    wrongPassword: unsendable,
    unknownUser: unsendable,
    unknownUserAgain: unsendable,
    tokens: async () => issuedTokens(exchange, api),
    refreshWithIssuedToken: unsendable,
  };
}
