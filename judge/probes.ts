// Requests the checks send, built from the spec's paths and field names. Requests that several
// checks need (a valid login, a wrong password …) are sent once per run and shared, which keeps
// the number of failed logins against a real account low.
import { randomBytes } from 'node:crypto';
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

const randomName = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make();
    return pending;
  };
}

export function createProbes(
  api: Api,
  credentials: { user: string; password: string },
  send: (spec: RequestSpec) => Promise<Exchange>,
): Probes {
  const { user, password, refreshToken } = api.fields;
  // Made up on first use: a proxy judges thousands of recorded logins that never send a probe.
  let madeNames: Probes['made'] | undefined;
  const made = (): Probes['made'] => {
    madeNames ??= {
      unknownUser: randomName('contract-unknown-user'),
      unknownUserAgain: randomName('contract-unknown-user'),
      wrongPassword: randomName('wrong'),
    };
    return madeNames;
  };
  const login = (u: string, p: string, label: string) =>
    send(jsonRequest(api.login, { [user]: u, [password]: p }, label));

  let sentValidLogin: Exchange | undefined;
  const validLogin = once(async () => {
    sentValidLogin = await login(credentials.user, credentials.password, 'login with the given credentials');
    return sentValidLogin;
  });
  const tokens = once(async (): Promise<IssuedTokens> => {
    const exchange = await validLogin();
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
  });

  return {
    get made() {
      return made();
    },
    validLogin,
    sentValidLogin: () => sentValidLogin,
    wrongPassword: once(() => login(credentials.user, made().wrongPassword, 'login with a wrong password')),
    unknownUser: once(() => login(made().unknownUser, credentials.password, 'login as a user that does not exist')),
    unknownUserAgain: once(() =>
      login(made().unknownUserAgain, credentials.password, 'login as another user that does not exist'),
    ),
    tokens,
    refreshWithIssuedToken: once(async () => {
      const issued = await tokens();
      if (!issued.ok || !issued.refresh) return undefined;
      return send(
        jsonRequest(api.refresh, { [refreshToken]: issued.refresh }, 'refresh with the refresh token from the login'),
      );
    }),
  };
}
