/**
 * The mock's whole decision, free of any platform: request + scenario + mode -> response.
 * The msw handlers and the node:http server only translate to and from this.
 *
 * Order of checks, as in Prism: route (404/405), request validation (400, the operation's own
 * error envelope), then the scenario chosen by `Prefer` or in code, then the stateful model if any,
 * else the documented example. Our additions sit around it: body limit (413), a malformed `Prefer`
 * (422), `Accept` that excludes JSON (406), latency and network errors.
 */

import type { MockClock } from './mock-clock.ts';
import {
  bodyText,
  defaultResponse,
  findResponse,
  isJsonMediaType,
  matchRoute,
  type NamedExample,
  type Operation,
  operations,
  type ResponseSpec,
} from './operations.ts';
import { hasPreferences, MAX_DELAY_MS, parsePrefer, type Scenario } from './prefer.ts';
import { validateRequest } from './validate-request.ts';

/** Run-time switches of a running mock (made by `createMockControl` in control.ts). */
export interface MockControl {
  readonly clock: MockClock;
  /** The server-wide `Prefer` value, or undefined when none is set. */
  readonly prefer: string | undefined;
  /**
   * Sets the server-wide `Prefer` (undefined or '' clears it). Throws, changing nothing, when the
   * value is malformed or picks an answer no operation defines.
   */
  setPrefer(value: string | undefined): void;
  /** The scenario the server-wide `Prefer` gives one operation (undefined: none set). */
  scenarioFor(operationId: string): Scenario | undefined;
}

export interface MockRequest {
  method: string;
  /** URL path without query string, e.g. `/v1/api/auth/login`. */
  path: string;
  contentType?: string | undefined;
  accept?: string | undefined;
  prefer?: string | undefined;
  /** The `X-Mock-Control` header, when sent (the control endpoints want it or a JSON body). */
  mockControl?: string | undefined;
  /** The raw request body text ('' when none). */
  body: string;
}

export interface MockResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** Response body text ('' when none). */
  body: string;
  /** Milliseconds to wait before answering. */
  delay: number;
  /** Fail at the network level instead of answering. */
  networkError: boolean;
}

/** What a stateful model decides for one request: a named example of the spec, or a body. */
export type ModelOutcome = { status: number; example: string } | { status: number; body: unknown };

/** A stateful model the core consults for operations it knows (see auth-model.ts). */
export interface OperationModel {
  /** Returns undefined for operations the model does not handle (they get the documented example). */
  handle(operationId: string, body: unknown): Promise<ModelOutcome | undefined>;
}

export interface MockCoreOptions {
  /** Stateful mode: the model deciding answers; without it every valid request gets the documented example. */
  model?: OperationModel | Promise<OperationModel> | undefined;
  /** A scenario fixed in code, for every operation that defines its code/example (a request's own `Prefer` replaces it). */
  scenario?: Scenario | undefined;
  /** Scenarios fixed in code per operationId, e.g. `{ login: { code: 401 } }`. */
  scenarios?: Record<string, Scenario> | undefined;
  /** Largest accepted request body in bytes (default 64 KiB). */
  bodyLimit?: number | undefined;
  /** Run-time switches: a server-wide `Prefer` for requests without one of their own (control.ts). */
  control?: Pick<MockControl, 'scenarioFor'> | undefined;
}

export interface MockCore {
  handle(request: MockRequest): MockResponse | Promise<MockResponse>;
  readonly bodyLimit: number;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

const headerCache = new Map<string, Readonly<Record<string, string>>>();
/** Shared, frozen header objects: token-bearing answers must not be cached (RFC 6749 §5.1). */
function headersFor(mediaType: string | undefined): Readonly<Record<string, string>> {
  const key = mediaType ?? '';
  let headers = headerCache.get(key);
  if (!headers) {
    const fresh: Record<string, string> = { 'cache-control': 'no-store' };
    if (mediaType) fresh['content-type'] = mediaType;
    headers = Object.freeze(fresh);
    headerCache.set(key, headers);
  }
  return headers;
}

function answer(
  status: number,
  mediaType: string | undefined,
  body: string,
  delay = 0,
  extra?: Readonly<Record<string, string>>,
  omit?: readonly string[],
): MockResponse {
  let headers = extra && Object.keys(extra).length > 0 ? { ...headersFor(mediaType), ...extra } : headersFor(mediaType);
  if (omit && omit.length > 0) {
    headers = { ...headers };
    for (const name of omit) delete (headers as Record<string, string>)[name];
  }
  return { status, headers, body, delay, networkError: false };
}

/**
 * An error in the operation's own envelope: the spec's first example for that status with `desc`
 * replaced, so `code` and any other field come from the spec; `{code, desc}` when there is none.
 */
export function errorResponse(status: number, desc: string, op?: Operation, delay = 0): MockResponse {
  const response = op ? findResponse(op, status) : undefined;
  const template = response?.examples[0]?.value;
  if (response && typeof template === 'string' && !isJsonMediaType(response.mediaType)) {
    // A text error (`text/plain` …) is sent as the spec has it.
    const text = bodyText(response.mediaType, template);
    return answer(response.sentStatus, response.mediaType, text, delay, response.headers, response.omitHeaders);
  }
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    const envelope = JSON.stringify({ code: status, desc });
    return response
      ? answer(response.sentStatus, 'application/json', envelope, delay, response.headers, response.omitHeaders)
      : answer(status, 'application/json', envelope, delay);
  }
  // An envelope without a top-level `desc` (e.g. `{result: {code, desc}}`) is sent as the spec has it.
  const body = 'desc' in template ? { ...template, desc } : template;
  const mediaType = response?.mediaType ?? 'application/json';
  return answer(
    response?.sentStatus ?? status,
    mediaType,
    JSON.stringify(body),
    delay,
    response?.headers,
    response?.omitHeaders,
  );
}

type Selection = { ok: true; response: ResponseSpec; example: NamedExample | undefined } | { ok: false; desc: string };

function names(op: Operation): string {
  return op.responses.flatMap((r) => r.examples.map((e) => `${e.name} (${r.status})`)).join(', ') || 'none';
}

/**
 * Picks a documented response as Prism does: `code` alone -> that status's first example;
 * `code` and `example` -> that example of that status. `example` alone is searched in the 2xx
 * responses first (all Prism looks at), then in the others, so `example=wrong-credentials` alone
 * works here too.
 */
export function selectExample(op: Operation, code: number | undefined, exampleName: string | undefined): Selection {
  const where = `${op.method} ${op.path}`;
  if (code !== undefined) {
    const response = findResponse(op, code);
    if (!response) {
      const defined = op.responses.map((r) => r.status).join(', ');
      return { ok: false, desc: `Prefer: code=${code} is not defined for ${where} (defined: ${defined})` };
    }
    if (exampleName === undefined) return { ok: true, response, example: response.examples[0] };
    const example = response.examples.find((e) => e.name === exampleName);
    if (!example) {
      return {
        ok: false,
        desc: `Prefer: example=${exampleName} is not defined for status ${code} of ${where} (defined: ${names(op)})`,
      };
    }
    return { ok: true, response, example };
  }
  if (exampleName === undefined) {
    const response = defaultResponse(op);
    if (!response) return { ok: false, desc: `${where} documents no example response` };
    return { ok: true, response, example: response.examples[0] };
  }
  const success = op.responses.filter((r) => r.status >= 200 && r.status < 300);
  const others = op.responses.filter((r) => r.status < 200 || r.status >= 300);
  for (const response of [...success, ...others]) {
    const example = response.examples.find((e) => e.name === exampleName);
    if (example) return { ok: true, response, example };
  }
  return { ok: false, desc: `Prefer: example=${exampleName} is not defined for ${where} (defined: ${names(op)})` };
}

/** The selected example, or 404 naming what the operation does define. */
function selected(
  op: Operation,
  code: number | undefined,
  exampleName: string | undefined,
  delay: number,
): MockResponse {
  const selection = selectExample(op, code, exampleName);
  if (!selection.ok) return errorResponse(404, selection.desc, undefined, delay);
  const { response, example } = selection;
  // The spec's response headers come along, e.g. Retry-After on 429 and 503.
  return example
    ? answer(response.sentStatus, response.mediaType, example.json, delay, response.headers, response.omitHeaders)
    : answer(response.sentStatus, undefined, '', delay, response.headers, response.omitHeaders);
}

function acceptsAny(accept: string | undefined, mediaTypes: readonly string[]): boolean {
  if (!accept) return true;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.split(';');
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p))) continue;
    const type = rawType?.trim().toLowerCase() ?? '';
    if (type === '*/*' || type === '*') return true;
    for (const mediaType of mediaTypes) {
      if (type === mediaType || type === `${mediaType.slice(0, mediaType.indexOf('/'))}/*`) return true;
    }
  }
  return false;
}

const NO_SCENARIO: Scenario = Object.freeze({});

function checkDelay(where: string, scenario: Scenario | undefined): void {
  const delay = scenario?.delay;
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0 && delay <= MAX_DELAY_MS)) {
    throw new Error(`${where}.delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${delay}`);
  }
}

/**
 * Spreads one scenario over every operation: those that define its code/example get it whole,
 * the others keep their normal answers (with its delay or network error only). Throws when the
 * scenario picks an example no operation defines.
 */
export function spreadScenario(scenario: Scenario): Map<string, Scenario> {
  checkDelay('scenario', scenario);
  const picksExample = scenario.code !== undefined || scenario.example !== undefined;
  const spread = new Map<string, Scenario>();
  let used = false;
  for (const op of operations) {
    if (picksExample && selectExample(op, scenario.code, scenario.example).ok) {
      spread.set(op.id, scenario);
      used = true;
    } else {
      const rest: Scenario = {};
      if (scenario.delay !== undefined) rest.delay = scenario.delay;
      if (scenario.networkError !== undefined) rest.networkError = scenario.networkError;
      spread.set(op.id, rest);
    }
  }
  if (picksExample && !used) {
    const defined = [...new Set(operations.flatMap((op) => op.responses.map((r) => r.status)))].join(', ');
    throw new Error(`scenario ${JSON.stringify(scenario)} is defined for no operation (statuses: ${defined})`);
  }
  return spread;
}

function resolveFixedScenarios(options: MockCoreOptions): Map<string, Scenario> {
  for (const [id, scenario] of Object.entries(options.scenarios ?? {})) checkDelay(`scenarios.${id}`, scenario);
  const ids = new Set(operations.map((op) => op.id));
  for (const id of Object.keys(options.scenarios ?? {})) {
    if (!ids.has(id)) throw new Error(`scenarios: no operation '${id}' (operations: ${[...ids].join(', ')})`);
  }
  const fixed = options.scenario ? spreadScenario(options.scenario) : new Map<string, Scenario>();
  for (const op of operations) {
    const own = options.scenarios?.[op.id];
    if (!own) continue;
    const selection = selectExample(op, own.code, own.example);
    if ((own.code !== undefined || own.example !== undefined) && !selection.ok) {
      throw new Error(`scenarios.${op.id}: ${selection.desc}`);
    }
    fixed.set(op.id, own);
  }
  return fixed;
}

/** Builds the mock's request handler from the spec, once. */
export function createMockCore(options: MockCoreOptions = {}): MockCore {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const fixedScenarios = resolveFixedScenarios(options);
  const model = options.model;
  const mediaTypesOf = new Map(
    operations.map((op) => [op.id, [...new Set(op.responses.flatMap((r) => (r.mediaType ? [r.mediaType] : [])))]]),
  );

  async function fromModel(op: Operation, body: unknown, delay: number): Promise<MockResponse> {
    const outcome = await (await model)?.handle(op.id, body);
    if (!outcome) return selected(op, undefined, undefined, delay);
    if ('example' in outcome) return selected(op, outcome.status, outcome.example, delay);
    const response = findResponse(op, outcome.status);
    return answer(
      response?.sentStatus ?? outcome.status,
      response?.mediaType ?? 'application/json',
      JSON.stringify(outcome.body),
      delay,
      response?.headers,
      response?.omitHeaders,
    );
  }

  function handle(request: MockRequest): MockResponse | Promise<MockResponse> {
    const route = matchRoute(request.method, request.path);
    if (route.kind === 'not-found') {
      return errorResponse(404, `Not found: ${request.method} ${request.path} is not an operation of this API`);
    }
    if (route.kind === 'method-not-allowed') {
      const response = errorResponse(
        405,
        `Method not allowed: ${request.method} ${request.path}; allowed: ${route.allowed.join(', ')}`,
      );
      return { ...response, headers: { ...response.headers, allow: route.allowed.join(', ') } };
    }
    const op = route.operation;
    if (request.body.length > bodyLimit) {
      return errorResponse(413, `Request body too large: the limit is ${bodyLimit} bytes`);
    }

    const prefer = parsePrefer(request.prefer);
    if (!prefer.ok) return errorResponse(422, prefer.problem);
    // The request's own Prefer replaces every other scenario whole: `Prefer: code=401` under a
    // server-wide `delay=1500` or `network-error` answers 401 at once. Without one, a server-wide
    // Prefer (set at start or through the control endpoint) beats one fixed in code.
    const {
      code,
      example,
      delay = 0,
      networkError,
    } = hasPreferences(prefer.scenario)
      ? prefer.scenario
      : (options.control?.scenarioFor(op.id) ?? fixedScenarios.get(op.id) ?? NO_SCENARIO);
    if (networkError) return { status: 0, headers: {}, body: '', delay, networkError: true };

    if (!acceptsAny(request.accept, mediaTypesOf.get(op.id) ?? [])) {
      return errorResponse(
        406,
        `Not acceptable: this operation answers ${mediaTypesOf.get(op.id)?.join(', ')}`,
        undefined,
        delay,
      );
    }
    const validation = validateRequest(op, request.contentType, request.body);
    if (!validation.ok) return errorResponse(400, validation.desc, op, delay);

    if (code !== undefined || example !== undefined || !model) return selected(op, code, example, delay);
    return fromModel(op, validation.body, delay);
  }

  return { handle, bodyLimit };
}
