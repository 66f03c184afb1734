/**
 * msw request handlers for the API, answering from the spec through the shared core
 * (mocks/core/plan-response.ts). Spread them into your own handler list:
 *
 * @example
 * // Node tests
 * import { setupServer } from 'msw/node';
 * import { handlers } from 'login-api-kit/mocks/node';
 * const server = setupServer(...handlers);
 *
 * @example
 * // Browser app
 * import { setupWorker } from 'msw/browser';
 * import { createHandlers } from 'login-api-kit/mocks/browser';
 * await setupWorker(...createHandlers({ stateful: true })).start();
 */
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import type { AuthModel } from '../core/auth-model.ts';
import { CONTROL_HEADER, CONTROL_PREFIX, createMockControl, handleControl, type MockControl } from '../core/control.ts';
import type { CoverageRecorder } from '../core/coverage.ts';
import type { MockUser } from '../core/demo-users.ts';
import { createAuthModel } from '../core/load-auth-model.ts';
import type { MockClock } from '../core/mock-clock.ts';
import { commonPathPrefix, operations } from '../core/operations.ts';
import type { MockCore, MockRequest, MockResponse } from '../core/plan-response.ts';
import type { Scenario } from '../core/prefer.ts';
import type { Replay } from '../core/replay.ts';
import { createServedCore } from '../core/served-core.ts';
import { checkUsers } from '../core/users.ts';
import { pageStorage, type SecretStorage, storedSecret } from './stored-secret.ts';

/** The stateful mode's settings; every one is optional. */
export interface StatefulOptions {
  /** Access token lifetime in seconds (default: the documented `access_token_expires_in`). */
  accessTtl?: number;
  /** Refresh token lifetime in seconds (default: the documented `refresh_token_expires_in`). */
  refreshTtl?: number;
  /** Users replacing the demo users, e.g. `[{ user: 'carol', password: 's3cret', passwordReset: true }]`. */
  users?: readonly MockUser[];
  /** The clock tokens are issued and checked by: a `createMockClock()` to move it, or a function. */
  clock?: MockClock | (() => number);
  /** HS256 signing secret (default: the one kept in `storage`, else random per model). */
  secret?: string;
}

export interface HandlerOptions {
  /**
   * `true` for the stateful mode with the demo users (the signing secret kept in `storage`, the
   * real clock); settings such as `{ accessTtl: 60, users, clock }`; or your own model from
   * `createAuthModel({ now, secret })` to control its clock and `reset()`. Default: example mode.
   */
  stateful?: boolean | StatefulOptions | AuthModel | Promise<AuthModel>;
  /**
   * A server-wide `Prefer` for every request that sends none of its own, e.g. `code=503` or
   * `example=wrong-credentials, delay=800`. Change it at run time through `control`.
   */
  prefer?: string;
  /**
   * Run-time switches from `createMockControl()`: the server-wide `Prefer` and the clock. Given
   * here, the handlers also answer its endpoints under `/__mock/` (see mocks/core/control.ts).
   */
  control?: MockControl;
  /**
   * Origin (and base path) the handlers answer for, e.g. `https://example.com`.
   * Default: any origin (`*`), with the spec's paths at the root.
   */
  baseUrl?: string;
  /**
   * A scenario fixed in code, e.g. `{ example: 'wrong-credentials' }` or `{ code: 401, delay: 500 }`;
   * it applies to every operation that defines that code/example. A request's own `Prefer` replaces it whole.
   */
  scenario?: Scenario;
  /** Scenarios per operationId, e.g. `{ refreshToken: { example: 'expired-token' } }`. */
  scenarios?: Record<string, Scenario>;
  /** Largest accepted request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Answers from a HAR recording first: `createReplay(har)` from `mocks/core/replay.ts`. */
  replay?: Replay;
  /**
   * Where `stateful: true` keeps its signing secret, so sessions survive a page reload: default
   * the page's `localStorage` (in Node, none: a random secret per call). `sessionStorage` keeps
   * them per tab; `false` starts afresh on every load. `resetStatefulSession()` forgets them.
   */
  storage?: SecretStorage | false;
  /**
   * Counts what each request exercised, for `npm run coverage`: a `createMockCoverage()`, whose
   * `JSON.stringify` is the coverage file (write it when your tests end).
   */
  coverage?: CoverageRecorder;
}

function isModel(value: object): value is AuthModel | Promise<AuthModel> {
  return value instanceof Promise || 'handle' in value;
}

function modelFrom(options: HandlerOptions): AuthModel | Promise<AuthModel> | undefined {
  const { stateful } = options;
  if (!stateful) return undefined;
  if (stateful !== true && isModel(stateful)) return stateful;
  const settings: StatefulOptions = stateful === true ? {} : stateful;
  const clock = settings.clock;
  const storage = options.storage === false ? undefined : (options.storage ?? pageStorage());
  const secret = settings.secret ?? (storage ? storedSecret(storage) : undefined);
  const model = createAuthModel({
    accessTtl: settings.accessTtl,
    refreshTtl: settings.refreshTtl,
    ...(settings.users ? { users: checkUsers(settings.users, 'stateful.users') } : {}),
    ...(clock ? { now: typeof clock === 'function' ? clock : () => clock.now() } : {}),
    ...(secret ? { secret } : {}),
  });
  model.catch(() => {}); // reported to the first request instead of as an unhandled rejection
  return model;
}

const PRINTED_HEADERS = ['prefer', 'retry-after'];

/**
 * msw's own per-request log, minus what must not reach a console: no request or response body
 * (passwords, tokens), only method, URL, status and the scenario headers.
 */
async function logWithoutSecrets({ request, response }: { request: Request; response: Response }): Promise<void> {
  const url = new URL(request.url);
  const time = new Date().toLocaleTimeString([], { hour12: false });
  const notes = PRINTED_HEADERS.flatMap((name) => {
    const value = (name === 'prefer' ? request : response).headers.get(name);
    return value ? [`${name}: ${value}`] : [];
  });
  console.log(
    `[MSW] ${time} ${request.method} ${url.origin}${url.pathname} (${response.status} ${response.statusText})${
      notes.length > 0 ? ` ${notes.join('; ')}` : ''
    }`,
  );
}

/** A msw answer for a planned response. */
async function respond(planned: MockResponse): Promise<Response> {
  if (planned.delay > 0) await delay(planned.delay);
  if (planned.networkError) return HttpResponse.error();
  return new HttpResponse(planned.body === '' ? null : planned.body, {
    status: planned.status,
    headers: planned.headers,
  });
}

/** The msw path for a spec path: `{id}` templates become `:id`. */
function mswPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Creates msw handlers for every operation of the spec, plus a catch-all under the API's path
 * prefix that answers unknown routes with 404 and wrong methods with 405.
 */
export function createHandlers(options: HandlerOptions = {}): HttpHandler[] {
  const control = options.control ?? (options.prefer ? createMockControl() : undefined);
  if (options.prefer) control?.setPrefer(options.prefer);
  const core: MockCore = createServedCore({
    model: modelFrom(options),
    scenario: options.scenario,
    scenarios: options.scenarios,
    bodyLimit: options.bodyLimit,
    control,
    replay: options.replay,
    coverage: options.coverage,
  });
  const base = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : '*';
  const basePath = options.baseUrl ? new URL(base).pathname.replace(/\/+$/, '') : '';

  async function readRequest(request: Request): Promise<MockRequest> {
    let path = new URL(request.url).pathname;
    if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
    return {
      method: request.method,
      path,
      contentType: request.headers.get('content-type') ?? undefined,
      accept: request.headers.get('accept') ?? undefined,
      prefer: request.headers.get('prefer') ?? undefined,
      mockControl: request.headers.get(CONTROL_HEADER) ?? undefined,
      body: await request.text(),
    };
  }

  const resolver = async ({ request }: { request: Request }): Promise<Response> =>
    respond(await core.handle(await readRequest(request)));

  const paths = [...new Set(operations.map((op) => op.path))];
  const handlers = [
    ...paths.map((path) => http.all(`${base}${mswPath(path)}`, resolver)),
    http.all(`${base}${commonPathPrefix()}*`, resolver),
  ];
  if (options.control) {
    const controls = options.control;
    handlers.push(
      http.all(`${base}${CONTROL_PREFIX}*`, async ({ request }) => {
        const planned = handleControl(controls, await readRequest(request));
        return planned ? respond(planned) : undefined;
      }),
    );
  }
  for (const handler of handlers) handler.log = logWithoutSecrets;
  return handlers;
}

/** Example-mode handlers: every valid request gets the documented example. */
export const handlers: HttpHandler[] = createHandlers();
