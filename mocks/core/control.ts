/**
 * Run-time switches for a running mock, so an app under development can be sent down another
 * path without editing it or restarting the mock:
 *
 * - a server-wide `Prefer` (any value a request could send), used by every request that has no
 *   `Prefer` of its own;
 * - the mock's clock (mock-clock.ts), moved forward to expire tokens.
 *
 * The same switches answer over HTTP under `/__mock/` (see `handleControl`), for the HTTP server
 * and the msw handlers alike:
 *
 *   GET    /__mock/prefer                          -> {"prefer": "code=503" | null}
 *   PUT    /__mock/prefer  {"prefer": "code=503"}  -> sets it (null clears); 422 when unusable
 *   DELETE /__mock/prefer                          -> clears it
 *   GET    /__mock/clock                           -> {"now": ISO time, "offset_seconds": N}
 *   POST   /__mock/clock   {"advance_seconds": N}  -> moves the clock forward
 *   DELETE /__mock/clock                           -> back to real time
 *
 * A request that changes anything must say `Content-Type: application/json` or carry an
 * `X-Mock-Control` header: neither is possible in a "simple" cross-site request, so a web page
 * the developer happens to visit cannot switch the mock (its browser would have to ask first, and
 * the HTTP server approves no cross-origin request to /__mock/).
 */
import { createMockClock, type MockClock } from './mock-clock.ts';
import {
  errorResponse,
  type MockControl,
  type MockRequest,
  type MockResponse,
  spreadScenario,
} from './plan-response.ts';
import { parsePrefer, type Scenario } from './prefer.ts';

export type { MockControl };

/** Where the control endpoints live: outside the API's own paths. */
export const CONTROL_PREFIX = '/__mock/';

export interface MockControlOptions {
  /** Initial server-wide `Prefer`, e.g. `code=401` or `example=wrong-credentials, delay=800`. */
  prefer?: string | undefined;
  /** The clock the stateful model reads (default: real time, offset 0). */
  clock?: MockClock | undefined;
}

/**
 * @example
 * const control = createMockControl({ prefer: 'code=503' });
 * const handlers = createHandlers({ control, stateful: { clock: control.clock } });
 * control.setPrefer(undefined); // back to normal answers
 */
export function createMockControl(options: MockControlOptions = {}): MockControl {
  const clock = options.clock ?? createMockClock();
  let prefer: string | undefined;
  let spread: Map<string, Scenario> | undefined;

  function setPrefer(value: string | undefined): void {
    const trimmed = value?.trim();
    if (!trimmed) {
      prefer = undefined;
      spread = undefined;
      return;
    }
    const parsed = parsePrefer(trimmed);
    if (!parsed.ok) throw new Error(parsed.problem);
    if (Object.keys(parsed.scenario).length === 0) {
      throw new Error(`Prefer '${trimmed}' holds nothing the mock knows (code=, example=, delay=, network-error)`);
    }
    const next = spreadScenario(parsed.scenario);
    prefer = trimmed;
    spread = next;
  }
  setPrefer(options.prefer);

  return {
    clock,
    get prefer() {
      return prefer;
    },
    setPrefer,
    scenarioFor: (operationId) => spread?.get(operationId),
  };
}

function json(status: number, value: unknown): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
    delay: 0,
    networkError: false,
  };
}

function readJson(body: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
  try {
    const value: unknown = JSON.parse(body || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return { ok: true, value: value as Record<string, unknown> };
    }
  } catch {
    // reported below
  }
  return { ok: false, problem: 'the body must be a JSON object' };
}

function preferState(control: MockControl): MockResponse {
  return json(200, { prefer: control.prefer ?? null });
}

function clockState(control: MockControl): MockResponse {
  return json(200, {
    now: new Date(control.clock.now()).toISOString(),
    offset_seconds: control.clock.offsetMs / 1000,
  });
}

function notAllowed(method: string, path: string, allowed: string): MockResponse {
  const response = errorResponse(405, `Method not allowed: ${method} ${path}; allowed: ${allowed}`);
  return { ...response, headers: { ...response.headers, allow: allowed } };
}

/** The header a control request may send instead of a JSON Content-Type (any value). */
export const CONTROL_HEADER = 'x-mock-control';

/** Whether the request could only come from a tool or a same-origin page, not a cross-site form. */
function deliberate(request: MockRequest): boolean {
  const essence = request.contentType?.split(';')[0]?.trim().toLowerCase();
  return request.mockControl !== undefined || essence === 'application/json';
}

/** Answers a control request, or returns undefined for any path outside `/__mock/`. */
export function handleControl(control: MockControl, request: MockRequest): MockResponse | undefined {
  const { path } = request;
  if (!path.startsWith(CONTROL_PREFIX)) return undefined;
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !deliberate(request)) {
    return errorResponse(
      415,
      `Control requests that change the mock need Content-Type: application/json or an X-Mock-Control header (so no web page can send one), e.g. curl -X ${method} -H 'content-type: application/json' …${path}`,
    );
  }
  if (path === `${CONTROL_PREFIX}prefer`) {
    if (method === 'GET') return preferState(control);
    if (method === 'DELETE') {
      control.setPrefer(undefined);
      return preferState(control);
    }
    if (method !== 'PUT') return notAllowed(method, path, 'GET, PUT, DELETE');
    const body = readJson(request.body);
    if (!body.ok) return errorResponse(400, `Invalid request: ${body.problem}, e.g. {"prefer": "code=503"}`);
    const value = body.value.prefer;
    if (value !== null && typeof value !== 'string') {
      return errorResponse(400, `Invalid request: 'prefer' must be a string such as "code=503", or null`);
    }
    try {
      control.setPrefer(value ?? undefined);
    } catch (error) {
      return errorResponse(422, error instanceof Error ? error.message : String(error));
    }
    return preferState(control);
  }
  if (path === `${CONTROL_PREFIX}clock`) {
    if (method === 'GET') return clockState(control);
    if (method === 'DELETE') {
      control.clock.reset();
      return clockState(control);
    }
    if (method !== 'POST') return notAllowed(method, path, 'GET, POST, DELETE');
    const body = readJson(request.body);
    const seconds = body.ok ? body.value.advance_seconds : undefined;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      return errorResponse(400, `Invalid request: send {"advance_seconds": N}, N a whole number of seconds >= 0`);
    }
    try {
      control.clock.advance(seconds * 1000);
    } catch (error) {
      return errorResponse(422, error instanceof Error ? error.message : String(error));
    }
    return clockState(control);
  }
  return errorResponse(
    404,
    `Not found: ${method} ${path}; the controls are ${CONTROL_PREFIX}prefer and ${CONTROL_PREFIX}clock`,
  );
}
