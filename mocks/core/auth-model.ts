/**
 * Stateful mode: an in-memory user store (@msw/data) with real credential checks and real
 * signed tokens (jose, HS256, header `{"typ":"JWT","alg":"HS256"}` as in the docs' examples).
 *
 * - login: the documented 200 example with freshly signed tokens; `exp` = issue time + the
 *   documented `*_expires_in`; the documented `redirect` only for a user flagged for a password
 *   reset. Unknown user or wrong password: the overlay's `wrong-credentials` answer.
 * - refresh: the documented 200 answer only for a valid, unexpired refresh token of an existing
 *   user; an access token, a forged, tampered or `alg: none` token gets `invalid-token`, an expired
 *   one `expired-token`.
 *
 * Platform-free (WebCrypto), so it runs in a browser worker as well as in Node.
 */
import { Collection } from '@msw/data';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { demoUsers, type MockUser } from './demo-users.ts';
import { findOperation, type Operation } from './operations.ts';
import type { ModelOutcome, OperationModel } from './plan-response.ts';

/** The store's records: `MockUser`s (demo-users.ts). */
const userSchema = z.object({
  user: z.string().min(1),
  password: z.string(),
  passwordReset: z.boolean().optional(),
});

export type UserStore = Collection<typeof userSchema>;

export interface AuthModelOptions {
  /** Clock in milliseconds since the epoch (default `Date.now`); tests move it to expire tokens. */
  now?: () => number;
  /** HS256 signing secret; random per model unless given. */
  secret?: string | Uint8Array;
  /** Seed users (default: the documented demo users). */
  users?: readonly MockUser[];
  /** Access token lifetime in seconds (default: the documented `access_token_expires_in`). */
  accessTtl?: number | undefined;
  /** Refresh token lifetime in seconds (default: the documented `refresh_token_expires_in`). */
  refreshTtl?: number | undefined;
  /**
   * Makes the token signer from the secret's bytes (default: jose over WebCrypto, which works in
   * a browser too). Node passes a synchronous node:crypto signer: several times faster per login.
   * Tokens are verified with jose whichever signer made them.
   */
  createSigner?: (secret: Uint8Array) => SignToken;
}

/** Longest accepted lifetime: a year, so `exp` stays a sane date. */
export const MAX_TTL_SECONDS = 365 * 24 * 3600;

/** Checks a lifetime option; throws naming it when it is not a whole number of seconds from 1 to a year. */
export function checkTtl(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1 && value <= MAX_TTL_SECONDS)) {
    throw new RangeError(`${name} must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got ${value}`);
  }
}

/** Signs JWT claims with HS256 under the header `{"typ":"JWT","alg":"HS256"}`, as in the docs. */
export type SignToken = (claims: TokenClaims) => string | Promise<string>;

export interface TokenClaims {
  exp: number;
  iat: number;
  sub: string;
  token_use: TokenUse;
  jti: string;
}

export interface AuthModel extends OperationModel {
  /** The user store; add or change users in tests, `reset()` restores the seed. */
  readonly users: UserStore;
  /** Lifetimes in seconds: the options', else read from the documented login example. */
  readonly accessTokenExpiresIn: number;
  readonly refreshTokenExpiresIn: number;
  login(body: unknown): Promise<ModelOutcome>;
  refresh(body: unknown): Promise<ModelOutcome>;
  /** Restores the seed users. */
  reset(): Promise<void>;
}

/** Token kinds, carried in the `token_use` claim so one kind cannot stand in for the other. */
export type TokenUse = 'access' | 'refresh';

interface LoginExample {
  result: { access_token_expires_in: number; refresh_token_expires_in: number } & Record<string, unknown>;
  redirect?: unknown;
}

function operation(id: string): Operation {
  const op = findOperation(id);
  if (!op) throw new Error(`stateful mode needs the spec's '${id}' operation`);
  return op;
}

/** The outcome answering with a named example; its status is read from the spec. */
function exampleOutcome(op: Operation, name: string): ModelOutcome {
  const response = op.responses.find((r) => r.examples.some((e) => e.name === name));
  if (!response) throw new Error(`stateful mode needs the example '${name}' of operation '${op.id}'`);
  return { status: response.status, example: name };
}

function documentedSuccess(op: Operation): { status: number; value: unknown } {
  const response = op.responses.find((r) => r.status >= 200 && r.status < 300 && r.examples.length > 0);
  const example = response?.examples.find((e) => e.name === 'documented') ?? response?.examples[0];
  if (!response || !example) throw new Error(`stateful mode needs a documented 2xx example of '${op.id}'`);
  return { status: response.status, value: example.value };
}

function readLoginExample(value: unknown): LoginExample {
  const result = (value as { result?: Record<string, unknown> } | undefined)?.result;
  if (typeof result?.access_token_expires_in !== 'number' || typeof result.refresh_token_expires_in !== 'number') {
    throw new Error('the documented login example lacks numeric access/refresh_token_expires_in');
  }
  return value as LoginExample;
}

function secretBytes(secret: string | Uint8Array | undefined): Uint8Array<ArrayBuffer> {
  const bytes =
    secret === undefined
      ? crypto.getRandomValues(new Uint8Array(32))
      : typeof secret === 'string'
        ? new TextEncoder().encode(secret)
        : new Uint8Array(secret);
  if (bytes.length === 0) throw new Error('the JWT signing secret must not be empty');
  return bytes;
}

function importSecret(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** The default signer: jose, over WebCrypto. */
function joseSigner(key: CryptoKey): SignToken {
  return (claims) => new SignJWT({ ...claims }).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(key);
}

/**
 * Creates a stateful auth model seeded with the demo users.
 *
 * @example
 * let clock = Date.parse('2030-01-01T00:00:00Z');
 * const model = await createAuthModel({ now: () => clock });
 * const handlers = createHandlers({ stateful: model });
 * clock += (model.refreshTokenExpiresIn + 1) * 1000; // every refresh token issued so far has expired
 */
export async function createAuthModel(options: AuthModelOptions = {}): Promise<AuthModel> {
  checkTtl('accessTtl', options.accessTtl);
  checkTtl('refreshTtl', options.refreshTtl);
  const now = options.now ?? Date.now;
  const seed = options.users ?? demoUsers;
  const secret = secretBytes(options.secret);
  const key = await importSecret(secret);
  const signToken = options.createSigner?.(secret) ?? joseSigner(key);

  const loginOp = operation('login');
  const refreshOp = operation('refreshToken');
  const loginSuccess = documentedSuccess(loginOp);
  const loginExample = readLoginExample(loginSuccess.value);
  const { redirect, ...withoutRedirect } = loginExample;
  const refreshSuccess: ModelOutcome = {
    status: documentedSuccess(refreshOp).status,
    body: documentedSuccess(refreshOp).value,
  };
  const wrongCredentials = exampleOutcome(loginOp, 'wrong-credentials');
  const invalidToken = exampleOutcome(refreshOp, 'invalid-token');
  const expiredToken = exampleOutcome(refreshOp, 'expired-token');
  const accessTokenExpiresIn = options.accessTtl ?? loginExample.result.access_token_expires_in;
  const refreshTokenExpiresIn = options.refreshTtl ?? loginExample.result.refresh_token_expires_in;

  const users: UserStore = new Collection({ schema: userSchema });

  async function reset(): Promise<void> {
    users.clear();
    for (const user of seed) await users.create({ ...user });
  }
  await reset();

  function sign(subject: string, use: TokenUse, issuedAt: number, lifetime: number): string | Promise<string> {
    // `exp` first, as in the docs' example tokens (`eyJleHAiOjE1NDQxNzcxOTAsI...` = `{"exp":1544177190,`).
    return signToken({
      exp: issuedAt + lifetime,
      iat: issuedAt,
      sub: subject,
      token_use: use,
      jti: crypto.randomUUID(),
    });
  }

  async function login(body: unknown): Promise<ModelOutcome> {
    const { user, password } = (body ?? {}) as { user?: unknown; password?: unknown };
    if (typeof user !== 'string' || typeof password !== 'string') return wrongCredentials;
    const found = users.findFirst((q) => q.where({ user }));
    // Same answer for an unknown user and a wrong password: no account enumeration.
    if (!found || found.password !== password) return wrongCredentials;
    const issuedAt = Math.floor(now() / 1000);
    const [accessToken, refreshToken] = await Promise.all([
      sign(found.user, 'access', issuedAt, accessTokenExpiresIn),
      sign(found.user, 'refresh', issuedAt, refreshTokenExpiresIn),
    ]);
    return {
      status: loginSuccess.status,
      body: {
        ...withoutRedirect,
        result: {
          ...loginExample.result,
          access_token: accessToken,
          access_token_expires_in: accessTokenExpiresIn,
          refresh_token: refreshToken,
          refresh_token_expires_in: refreshTokenExpiresIn,
        },
        ...(found.passwordReset && redirect !== undefined ? { redirect } : {}),
      },
    };
  }

  async function refresh(body: unknown): Promise<ModelOutcome> {
    const token = (body as { refresh_token?: unknown } | undefined)?.refresh_token;
    if (typeof token !== 'string' || token.length === 0) return invalidToken;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        typ: 'JWT',
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
      });
      if (payload.token_use !== 'refresh') return invalidToken;
      const subject = payload.sub;
      if (typeof subject !== 'string' || !users.findFirst((q) => q.where({ user: subject }))) return invalidToken;
      return refreshSuccess;
    } catch (error) {
      return error instanceof errors.JWTExpired ? expiredToken : invalidToken;
    }
  }

  return {
    users,
    accessTokenExpiresIn,
    refreshTokenExpiresIn,
    login,
    refresh,
    reset,
    async handle(operationId, body) {
      if (operationId === loginOp.id) return login(body);
      if (operationId === refreshOp.id) return refresh(body);
      return undefined;
    },
  };
}
