/**
 * The HTTP mock server: a node:http adapter that calls the shared core directly (no fetch
 * Request/Response round trip, no msw), so it answers as the msw handlers do at node:http speed.
 * Adds what a real server needs: CORS with preflight, a request body limit, timeouts, one log
 * line per request, and a clean close.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthModel } from './core/auth-model.ts';
import { CONTROL_HEADER, CONTROL_PREFIX, createMockControl, handleControl, type MockControl } from './core/control.ts';
import type { CoverageRecorder } from './core/coverage.ts';
import type { MockUser } from './core/demo-users.ts';
import { createAuthModel } from './core/load-auth-model.ts';
import { createMockClock } from './core/mock-clock.ts';
import { allowedMethods } from './core/operations.ts';
import { errorResponse, type MockRequest, type MockResponse } from './core/plan-response.ts';
import type { Scenario } from './core/prefer.ts';
import type { Replay } from './core/replay.ts';
import { createServedCore } from './core/served-core.ts';
import { createNodeSigner } from './node-token-signer.ts';

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** `true` for the stateful mode with the demo users, or a model from `createAuthModel()`. */
  stateful?: boolean | AuthModel;
  /** HS256 secret for the stateful mode's tokens (default: random per start). */
  jwtSecret?: string;
  /** Clock for the stateful mode, in ms since the epoch (default `Date.now`); the control endpoint moves it further. */
  now?: () => number;
  /** Start with the mock's clock this many milliseconds ahead of `now`. */
  clockOffsetMs?: number;
  /** Stateful mode: access token lifetime in seconds (default: the documented one). */
  accessTtl?: number;
  /** Stateful mode: refresh token lifetime in seconds (default: the documented one). */
  refreshTtl?: number;
  /** Stateful mode: users replacing the demo users, e.g. `[{ user: 'carol', password: 's3cret' }]` (`parseUsersFile` reads a file). */
  users?: readonly MockUser[];
  /** A server-wide `Prefer` for every request that sends none of its own, e.g. `code=503`. */
  prefer?: string;
  /**
   * Answer the control endpoints under `/__mock/` (server-wide `Prefer`, clock). Default: on when
   * bound to a loopback address (127.0.0.1, ::1, localhost), off otherwise.
   */
  controlEndpoints?: boolean;
  /**
   * Host names (besides localhost, 127.0.0.1 and [::1], and a non-wildcard `host`) the control
   * endpoints answer to: a request whose `Host` names anything else gets 403, so a page on another
   * name that resolves here (DNS rebinding) cannot reach them.
   */
  controlHosts?: readonly string[];
  /** A scenario fixed for every operation that defines it (a request's own `Prefer` replaces it whole). */
  scenario?: Scenario;
  /** Scenarios per operationId. */
  scenarios?: Record<string, Scenario>;
  /** Largest accepted request body in bytes (default 64 KiB); larger gets 413. */
  bodyLimit?: number;
  /** Recorded answers in front of the documented ones (see core/replay.ts). */
  replay?: Replay;
  /** Receives one line per request: method, path, status, milliseconds. Nothing else is logged. */
  log?: (line: string) => void;
  /** Counts what each request exercised (`createMockCoverage()`); the caller writes it out. */
  coverage?: CoverageRecorder;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  port: number;
  /** The stateful model (its users, `reset()`), when stateful. */
  model: AuthModel | undefined;
  /** The run-time switches: server-wide `Prefer` and the clock. */
  control: MockControl;
  /** Whether the control endpoints answer over HTTP. */
  controlEndpoints: boolean;
  close(): Promise<void>;
}

/** Interfaces only this machine reaches: the control endpoints answer there by default. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The host name of a Host header, lower-cased, without port or IPv6 brackets. */
function hostName(value: string | undefined): string {
  const host = (value ?? '').trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1] as string;
  return host.replace(/:\d*$/, '');
}

/** Paths go to the log as printable ASCII, capped, without query string (which could hold secrets). */
function loggablePath(path: string): string {
  const printable = path.replace(/[^\x21-\x7e]/g, '?');
  return printable.length > 200 ? `${printable.slice(0, 200)}...` : printable;
}

/** The request's path without query string. */
/** An Origin on this machine (http(s)://localhost, 127.x.x.x or [::1], any port). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin);
    return (
      (protocol === 'http:' || protocol === 'https:') &&
      (hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname))
    );
  } catch {
    return false;
  }
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Starts the HTTP mock server on 127.0.0.1.
 *
 * @example
 * const server = await startMockServer({ port: 0, stateful: true });
 * await fetch(`${server.url}/v1/api/auth/login`, { method: 'POST', ... });
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const control = createMockControl({
    prefer: options.prefer,
    clock: createMockClock(options.now ?? Date.now, options.clockOffsetMs ?? 0),
  });
  const controlEndpoints = options.controlEndpoints ?? LOOPBACK.has(host);
  const controlHosts = new Set([
    ...LOOPBACK,
    ...(host === '0.0.0.0' || host === '::' ? [] : [hostName(host.includes(':') ? `[${host}]` : host)]),
    ...(options.controlHosts ?? []).map((name) => hostName(name)),
  ]);
  let model: AuthModel | undefined;
  if (options.stateful === true) {
    model = await createAuthModel({
      now: () => control.clock.now(),
      accessTtl: options.accessTtl,
      refreshTtl: options.refreshTtl,
      // Loaded only when needed: users.ts brings the YAML parser, which a plain start does without.
      ...(options.users ? { users: (await import('./core/users.ts')).checkUsers(options.users, 'users') } : {}),
      createSigner: createNodeSigner,
      ...(options.jwtSecret ? { secret: options.jwtSecret } : {}),
    });
  } else if (options.stateful) {
    model = options.stateful;
  }
  const core = createServedCore({
    model,
    scenario: options.scenario,
    scenarios: options.scenarios,
    bodyLimit: options.bodyLimit,
    control,
    replay: options.replay,
    coverage: options.coverage,
  });
  const bodyLimit = core.bodyLimit;
  const log = options.log;
  const timers = new Set<NodeJS.Timeout>();

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    planned: MockResponse,
    started: number,
    extraHeaders?: Record<string, string>,
  ): void {
    if (planned.networkError) {
      // No answer at all: the client's fetch rejects, as on a dropped connection.
      req.socket.destroy();
      log?.(`${req.method} ${loggablePath(pathOf(req))} network-error ${(performance.now() - started).toFixed(1)}ms`);
      return;
    }
    if (res.destroyed) {
      // The client went away (e.g. gave up during a delay): nobody to answer.
      log?.(`${req.method} ${loggablePath(pathOf(req))} client-gone ${(performance.now() - started).toFixed(1)}ms`);
      return;
    }
    // No CORS on the control endpoints: no other origin may drive the mock.
    const origin = pathOf(req).startsWith(CONTROL_PREFIX) ? undefined : req.headers.origin;
    const headers: Record<string, string | number> = {
      ...planned.headers,
      ...extraHeaders,
      'content-length': Buffer.byteLength(planned.body),
    };
    if (origin) {
      headers['access-control-allow-origin'] = origin;
      // Credentialed cross-origin calls only from a dev server on this machine: any other site may
      // read the API's answers, but never with the user's cookies (a reflected Origin plus
      // credentials would let every web site act as the user).
      if (isLoopbackOrigin(origin) || pathOf(req).startsWith(CONTROL_PREFIX)) {
        headers['access-control-allow-credentials'] = 'true';
      }
      // A browser app may read these of a cross-origin answer only when told so.
      headers['access-control-expose-headers'] = 'retry-after';
      headers.vary = 'Origin';
    }
    res.writeHead(planned.status, headers);
    res.end(planned.body);
    log?.(`${req.method} ${loggablePath(pathOf(req))} ${planned.status} ${(performance.now() - started).toFixed(1)}ms`);
  }

  function finish(req: IncomingMessage, res: ServerResponse, planned: MockResponse, started: number): void {
    if (planned.delay <= 0) {
      send(req, res, planned, started);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(req, res, planned, started);
    }, planned.delay);
    timers.add(timer);
  }

  function internalError(error: unknown): MockResponse {
    return errorResponse(500, `Mock server error: ${error instanceof Error ? error.message : String(error)}`);
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, path: string, body: string, started: number): void {
    let planned: MockResponse | Promise<MockResponse>;
    try {
      const request = {
        method: req.method ?? 'GET',
        path,
        contentType: req.headers['content-type'],
        accept: header(req.headers.accept),
        prefer: header(req.headers.prefer),
        mockControl: header(req.headers[CONTROL_HEADER]),
        body,
      };
      planned =
        (controlEndpoints && path.startsWith(CONTROL_PREFIX) ? controlAnswer(req, request) : undefined) ??
        core.handle(request);
    } catch (error) {
      planned = internalError(error);
    }
    if (planned instanceof Promise) {
      planned.then(
        (p) => finish(req, res, p, started),
        (error: unknown) => finish(req, res, internalError(error), started),
      );
    } else {
      finish(req, res, planned, started);
    }
  }

  /** A control request addressed by a name this server does not answer to gets 403 (DNS rebinding). */
  function controlAnswer(req: IncomingMessage, request: MockRequest): MockResponse | undefined {
    const name = hostName(header(req.headers.host));
    if (!controlHosts.has(name)) {
      return errorResponse(
        403,
        `Forbidden: the control endpoints answer only requests addressed to ${[...controlHosts].join(', ')}; this one came for Host '${name}'. Start the mock with --control-host ${name || 'NAME'} to allow it.`,
      );
    }
    return handleControl(control, request);
  }

  function preflight(req: IncomingMessage, res: ServerResponse, path: string, started: number): void {
    if (path.startsWith(CONTROL_PREFIX)) {
      // A preflight for the control endpoints gets no CORS approval: the browser then sends nothing.
      send(req, res, errorResponse(403, 'Forbidden: the control endpoints take no cross-origin requests'), started);
      return;
    }
    const allowed = allowedMethods(path);
    const requested = req.headers['access-control-request-method'];
    if (!allowed && !(req.headers.origin && requested)) {
      send(req, res, errorResponse(404, `Not found: OPTIONS ${path} is not an operation of this API`), started);
      return;
    }
    const extra: Record<string, string> = { 'access-control-max-age': '600' };
    if (allowed) extra.allow = [...allowed, 'OPTIONS'].join(', ');
    if (req.headers.origin) {
      // Any path preflights, so a browser app sees the real 404/405 answer instead of a CORS error.
      extra['access-control-allow-methods'] = allowed ? allowed.join(', ') : (requested ?? 'POST');
      extra['access-control-allow-headers'] =
        header(req.headers['access-control-request-headers']) ?? 'content-type, prefer';
    }
    send(
      req,
      res,
      { status: 204, headers: { 'cache-control': 'no-store' }, body: '', delay: 0, networkError: false },
      started,
      extra,
    );
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = log ? performance.now() : 0;
    const path = pathOf(req);
    if (req.method === 'OPTIONS') {
      preflight(req, res, path, started);
      return;
    }

    const tooLarge = () =>
      send(req, res, errorResponse(413, `Request body too large: the limit is ${bodyLimit} bytes`), started, {
        connection: 'close',
      });
    const chunks: Buffer[] = [];
    let size = 0;
    // Read (and drop) an oversized body to its end, so the client gets the 413 rather than a
    // reset while it is still sending; requestTimeout bounds how long that may take.
    let overflow = Number(req.headers['content-length']) > bodyLimit;
    req.on('data', (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > bodyLimit) {
        overflow = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (overflow) return tooLarge();
      const body =
        chunks.length === 0
          ? ''
          : chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks).toString('utf8');
      dispatch(req, res, path, body, started);
    });
    req.on('error', () => {
      // The client went away mid-request; there is nobody to answer.
    });
  }

  const server = createServer(onRequest);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    model,
    control,
    controlEndpoints,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
