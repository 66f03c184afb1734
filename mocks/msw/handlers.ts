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
import { createAuthModel } from '../core/load-auth-model.ts';
import { commonPathPrefix, operations } from '../core/operations.ts';
import { createMockCore, type MockCore } from '../core/plan-response.ts';
import type { Scenario } from '../core/prefer.ts';
import { type Replay, withReplay } from '../core/replay.ts';

export interface HandlerOptions {
  /**
   * `true` for the stateful mode with the demo users (a random signing secret, the real clock),
   * or your own model from `createAuthModel({ now, secret })` to control its clock and `reset()`.
   * Default: example mode.
   */
  stateful?: boolean | AuthModel | Promise<AuthModel>;
  /**
   * Origin (and base path) the handlers answer for, e.g. `https://example.com`.
   * Default: any origin (`*`), with the spec's paths at the root.
   */
  baseUrl?: string;
  /**
   * A scenario fixed in code, e.g. `{ example: 'wrong-credentials' }` or `{ code: 401, delay: 500 }`;
   * it applies to every operation that defines that code/example. A `Prefer` header still wins.
   */
  scenario?: Scenario;
  /** Scenarios per operationId, e.g. `{ refreshToken: { example: 'expired-token' } }`. */
  scenarios?: Record<string, Scenario>;
  /** Largest accepted request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Answers from a HAR recording first: `createReplay(har)` from `mocks/core/replay.ts`. */
  replay?: Replay;
}

function modelFrom(stateful: HandlerOptions['stateful']): AuthModel | Promise<AuthModel> | undefined {
  if (!stateful) return undefined;
  if (stateful !== true) return stateful;
  const model = createAuthModel();
  model.catch(() => {}); // reported to the first request instead of as an unhandled rejection
  return model;
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
  const core: MockCore = withReplay(
    createMockCore({
      model: modelFrom(options.stateful),
      scenario: options.scenario,
      scenarios: options.scenarios,
      bodyLimit: options.bodyLimit,
    }),
    options.replay,
  );
  const base = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : '*';
  const basePath = options.baseUrl ? new URL(base).pathname.replace(/\/+$/, '') : '';

  const resolver = async ({ request }: { request: Request }): Promise<Response> => {
    let path = new URL(request.url).pathname;
    if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
    const planned = await core.handle({
      method: request.method,
      path,
      contentType: request.headers.get('content-type') ?? undefined,
      accept: request.headers.get('accept') ?? undefined,
      prefer: request.headers.get('prefer') ?? undefined,
      body: await request.text(),
    });
    if (planned.delay > 0) await delay(planned.delay);
    if (planned.networkError) return HttpResponse.error();
    return new HttpResponse(planned.body === '' ? null : planned.body, {
      status: planned.status,
      headers: planned.headers,
    });
  };

  const paths = [...new Set(operations.map((op) => op.path))];
  return [
    ...paths.map((path) => http.all(`${base}${mswPath(path)}`, resolver)),
    http.all(`${base}${commonPathPrefix()}*`, resolver),
  ];
}

/** Example-mode handlers: every valid request gets the documented example. */
export const handlers: HttpHandler[] = createHandlers();
