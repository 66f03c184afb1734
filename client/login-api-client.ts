// A typed client for the Login API: openapi-fetch over the spec's generated `paths`, plus the two
// things every caller otherwise rewrites: a timeout on each call, and one result shape that
// tells HTTP errors, `200` answers with a non-zero `code`, network errors and timeouts apart.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { formatPrefer, type Scenario } from '../common/prefer.ts';
import type { components, operations, paths } from '../spec/generated/types.ts';

export type LoginRequest = operations['login']['requestBody']['content']['application/json'];
export type LoginSuccess = operations['login']['responses'][200]['content']['application/json'];
export type RefreshRequest = NonNullable<operations['refreshToken']['requestBody']>['content']['application/json'];
export type RefreshSuccess = operations['refreshToken']['responses'][200]['content']['application/json'];
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

export type ApiResult<T> =
  | { ok: true; status: number; data: T; response: Response }
  /** The server answered with an HTTP error status; `error` is the parsed body (our envelope, or whatever it sent). */
  | { ok: false; kind: 'http-error'; status: number; code?: number; desc?: string; error: unknown; response: Response }
  /** The server answered 2xx but with a non-zero `code`: the docs' convention allows errors in a 200. */
  | { ok: false; kind: 'api-error'; status: number; code: number; desc?: string; error: unknown; response: Response }
  /** A 2xx whose body is not the JSON the spec promises. */
  | { ok: false; kind: 'bad-response'; status?: number; desc: string; response?: Response }
  /** No answer: connection refused, DNS, CORS refusal or a dropped connection. */
  | { ok: false; kind: 'network-error'; desc: string }
  | { ok: false; kind: 'timeout'; desc: string; timeoutMs: number }
  | { ok: false; kind: 'aborted'; desc: string };

export interface LoginApiClientOptions {
  /**
   * Where the API lives, e.g. `https://example.com` or `http://127.0.0.1:4010`; a path such as
   * `/` is read against the page's address. Default: the page's origin in a browser. Outside a
   * browser (Node tests) there is no page: pass an absolute URL, e.g. the mock server's, or any
   * origin such as `http://localhost` when msw's `setupServer` answers.
   */
  baseUrl?: string;
  /**
   * A fetch to use instead of `globalThis.fetch` (tests, instrumentation). Without it, each call
   * uses whatever `globalThis.fetch` is at that moment, so msw's `setupServer()` intercepts calls
   * of a client created before `server.listen()`.
   */
  fetch?: (input: Request) => Promise<Response>;
  /** Scenario to ask mocks for on every call, or a function read at each call (e.g. a UI switch). */
  prefer?: Scenario | (() => Scenario | undefined);
  /** Give up on a call after this long. Default 10 000 ms. */
  timeoutMs?: number;
}

export interface CallOptions {
  /** Scenario for this call only; replaces the client's `prefer` whole, as the mocks do. */
  prefer?: Scenario;
  /** Cancel the call. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface LoginApiClient {
  /** `POST /v1/api/auth/login`. */
  login(body: LoginRequest, options?: CallOptions): Promise<ApiResult<LoginSuccess>>;
  /** `POST /v1/api/auth/refresh`. */
  refreshToken(body: RefreshRequest, options?: CallOptions): Promise<ApiResult<RefreshSuccess>>;
  /** The underlying openapi-fetch client, with the Prefer middleware installed. */
  readonly raw: Client<paths>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Adds the `Prefer` header to requests that do not carry one yet. */
export function preferMiddleware(prefer: Scenario | (() => Scenario | undefined)): Middleware {
  return {
    onRequest({ request }) {
      if (request.headers.has('Prefer')) return undefined;
      const value = formatPrefer(typeof prefer === 'function' ? prefer() : prefer);
      if (value) request.headers.set('Prefer', value);
      return request;
    },
  };
}

/**
 * Creates a typed Login API client.
 *
 * @example
 * const api = createLoginApiClient({ baseUrl: 'http://127.0.0.1:4010' });
 * const result = await api.login({ user: 'alice', password: 'wonderland' });
 * if (result.ok) console.log(result.data.result.access_token_expires_in);
 * else console.log(result.kind, result.desc);
 */
export function createLoginApiClient(options: LoginApiClientOptions = {}): LoginApiClient {
  const baseUrl = resolveBaseUrl(options.baseUrl).replace(/\/+$/, '');
  // Looked up per call, not now: a client made at module level must still see the fetch that
  // msw (or other instrumentation) installs later.
  const fetchNow = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createClient<paths>({ baseUrl, fetch: fetchNow });
  if (options.prefer) raw.use(preferMiddleware(options.prefer));
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(
    send: (init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{
      data?: unknown;
      error?: unknown;
      response: Response;
    }>,
    codeOf: (data: unknown) => unknown,
    callOptions: CallOptions = {},
  ): Promise<ApiResult<T>> {
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeout;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
    const prefer = formatPrefer(callOptions.prefer);
    const headers: Record<string, string> = prefer ? { Prefer: prefer } : {};
    let outcome: Awaited<ReturnType<typeof send>>;
    try {
      outcome = await send({ headers, signal });
    } catch (error) {
      return failure(error, timeout, timeoutMs, callOptions.signal);
    }
    const { data, error, response } = outcome;
    const status = response.status;
    if (!response.ok) {
      const envelope = readEnvelope(error);
      return { ok: false, kind: 'http-error', status, ...envelope, error, response };
    }
    if (data === undefined || data === null || typeof data !== 'object') {
      return { ok: false, kind: 'bad-response', status, desc: 'The answer has no JSON object body', response };
    }
    const code = codeOf(data);
    if (typeof code === 'number' && code !== 0) {
      const { desc } = readEnvelope(data);
      return { ok: false, kind: 'api-error', status, code, ...(desc ? { desc } : {}), error: data, response };
    }
    return { ok: true, status, data: data as T, response };
  }

  return {
    raw,
    login(body, callOptions) {
      return call<LoginSuccess>(
        (init) => raw.POST('/v1/api/auth/login', { body, ...init }),
        (data) => field(data, 'code'),
        callOptions,
      );
    },
    refreshToken(body, callOptions) {
      return call<RefreshSuccess>(
        (init) => raw.POST('/v1/api/auth/refresh', { body, ...init }),
        // The documented refresh answer nests `code` in `result`; an error may put it on top.
        (data) => field(field(data, 'result'), 'code') ?? field(data, 'code'),
        callOptions,
      );
    },
  };
}

/** The page's address, when there is a page (not in Node, a worker without one, or a test runner's node environment). */
function pageAddress(): string | undefined {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === 'string' && URL.canParse(href) ? href : undefined;
}

/** An absolute base URL, or a TypeError saying what to pass. */
export function resolveBaseUrl(baseUrl: string | undefined): string {
  const page = pageAddress();
  if (baseUrl === undefined) {
    if (page) return new URL(page).origin;
    throw new TypeError(
      "createLoginApiClient: no baseUrl, and no page to take one from (this is not a browser): pass the API's URL, e.g. { baseUrl: 'http://127.0.0.1:4010' } for the mock server, or any origin such as 'http://localhost' under msw's setupServer",
    );
  }
  if (URL.canParse(baseUrl)) return new URL(baseUrl).href;
  if (page && URL.canParse(baseUrl, page)) return new URL(baseUrl, page).href;
  throw new TypeError(
    `createLoginApiClient: baseUrl must be an absolute URL${page ? ' or a path' : ' outside a browser'}, such as 'http://127.0.0.1:4010', got "${baseUrl}"`,
  );
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function readEnvelope(body: unknown): { code?: number; desc?: string } {
  const code = field(body, 'code') ?? field(field(body, 'result'), 'code');
  const desc = field(body, 'desc') ?? field(field(body, 'result'), 'desc');
  return {
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof desc === 'string' ? { desc } : {}),
  };
}

function failure<T>(error: unknown, timeout: AbortSignal, timeoutMs: number, callSignal?: AbortSignal): ApiResult<T> {
  if (timeout.aborted) return { ok: false, kind: 'timeout', desc: `No answer within ${timeoutMs} ms`, timeoutMs };
  if (callSignal?.aborted) return { ok: false, kind: 'aborted', desc: 'The call was cancelled' };
  if (error instanceof SyntaxError) {
    return { ok: false, kind: 'bad-response', desc: `The answer is not valid JSON (${error.message})` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: 'network-error', desc: `No answer from the server (${message})` };
}
