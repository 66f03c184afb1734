/**
 * A small HTTP front before Prism. Prism 5.16 never answers a JSON request whose body is not valid
 * JSON, answers 500 to a Content-Type it cannot parse, and takes bodies of any size; the front
 * answers those itself, promptly and as Prism answers other invalid requests (the operation's
 * documented 400 example, else Problem JSON), and passes everything else through unchanged.
 *
 * It also gives Prism what our other mocks have: `Prefer: delay=MS` and `network-error`, and a
 * server-wide `Prefer` for requests without one of their own. A request's own `Prefer` replaces
 * the server-wide one whole, as in the HTTP mock and the msw handlers.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatPrefer, hasPreferences, parsePrefer, type Scenario } from '../common/prefer.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { createMockControl, type MockControl } from './core/control.ts';
import { matchRoute } from './core/operations.ts';
import { selectExample } from './core/plan-response.ts';

export interface PrismFrontOptions {
  /** Prism's own URL, e.g. http://127.0.0.1:41234 */
  target: string;
  port?: number;
  host?: string;
  /** Largest request body passed on, in bytes (default 64 KiB, as the mock server); larger gets 413. */
  bodyLimit?: number;
  /** Longest wait for Prism's answer (default 10 s); then 504. */
  timeoutMs?: number;
  /**
   * A server-wide `Prefer` for every request that sends none of its own, e.g. `code=503` or
   * `delay=1500`. Throws at start when unusable, as the HTTP mock's `--prefer` does.
   */
  prefer?: string;
}

export interface PrismFront {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Prism's error format (application/problem+json, RFC 9457), with its error-type URLs. */
export function problem(status: number, type: string, title: string, detail: string): Answer {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: `https://stoplight.io/prism/errors#${type}`, title, status, detail }),
  };
}

type Responses = Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
const paths = openapiDocument.paths as unknown as Record<string, Record<string, { responses: Responses }>>;

/** What Prism answers an invalid request to an operation: its documented 400 example, else a 422 problem. */
export function invalidRequest(method: string, path: string, detail: string): Answer {
  const example = Object.values(
    paths[path]?.[method.toLowerCase()]?.responses['400']?.content?.['application/json']?.examples ?? {},
  )[0];
  if (example) {
    return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(example.value) };
  }
  return problem(422, 'UNPROCESSABLE_ENTITY', 'Invalid request', detail);
}

/** `application/json` or any `…+json`, whatever the parameters (or their syntax). */
const jsonMediaType = (contentType: string | undefined) => {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^[\w.+-]+\/[\w.+-]+\+json$/.test(essence) ? essence : undefined;
};

/** The front's answer to a complete request, or undefined to pass it on to Prism. */
export function screen(
  method: string,
  path: string,
  contentType: string | undefined,
  body: Buffer,
): Answer | undefined {
  if (!jsonMediaType(contentType) || body.byteLength === 0) return undefined;
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return undefined;
  } catch (error) {
    return invalidRequest(method, path, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

const NO_SCENARIO: Scenario = Object.freeze({});

/**
 * The scenario a request gets: its own `Prefer` when it asks for anything we know, else the
 * server-wide one for its operation. A malformed `Prefer` is Prism's to judge: no scenario here.
 */
function scenarioOf(
  control: MockControl,
  method: string,
  path: string,
  header: string | undefined,
): { scenario: Scenario; own: boolean } {
  const own = parsePrefer(header);
  if (!own.ok) return { scenario: NO_SCENARIO, own: true };
  if (hasPreferences(own.scenario)) return { scenario: own.scenario, own: true };
  const route = matchRoute(method, path);
  const wide = route.kind === 'operation' ? control.scenarioFor(route.operation.id) : undefined;
  return { scenario: wide ?? NO_SCENARIO, own: false };
}

/**
 * The `Prefer` Prism gets for a server-wide scenario: its example's status and name spelled out,
 * since Prism needs `code=` beside `example=`; what Prism does not know (delay, network error) the
 * front does itself.
 */
function preferForPrism(method: string, path: string, scenario: Scenario): string | undefined {
  if (scenario.code === undefined && scenario.example === undefined) return undefined;
  const route = matchRoute(method, path);
  if (route.kind !== 'operation') return undefined;
  const selection = selectExample(route.operation, scenario.code, scenario.example);
  if (!selection.ok) return undefined;
  return formatPrefer({ code: selection.response.status, example: selection.example?.name });
}

function reply(res: ServerResponse, answer: Answer, close = false) {
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-length': Buffer.byteLength(answer.body),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(answer.body);
}

export async function startPrismFront(options: PrismFrontOptions): Promise<PrismFront> {
  const target = new URL(options.target);
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const control = createMockControl({ prefer: options.prefer });
  const timers = new Set<NodeJS.Timeout>();

  function later(ms: number, run: () => void): void {
    if (ms <= 0) {
      run();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, prefer: string | undefined) {
    const headers: IncomingMessage['headers'] = {
      ...req.headers,
      host: target.host,
      'content-length': String(body.byteLength),
    };
    if (prefer !== undefined) headers.prefer = prefer;
    // JSON has one encoding (RFC 8259 §8.1): parameters only trip Prism up (500, or no answer for a charset).
    const json = jsonMediaType(req.headers['content-type']);
    if (json === 'application/json') headers['content-type'] = json;
    delete headers['transfer-encoding'];
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, timeout: timeoutMs },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => {
      upstream.destroy();
      if (!res.headersSent)
        reply(res, problem(504, 'GATEWAY_TIMEOUT', 'Prism did not answer', `no answer within ${timeoutMs} ms`));
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) reply(res, problem(502, 'BAD_GATEWAY', 'Prism is unavailable', error.message));
      else res.destroy();
    });
    upstream.end(body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // read to the end and drop, so the client gets the 413
      size += chunk.byteLength;
      if (size > bodyLimit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        const detail = `The request body is larger than ${bodyLimit} bytes`;
        reply(res, problem(413, 'PAYLOAD_TOO_LARGE', 'Request body too large', detail), true);
        return;
      }
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://front').pathname;
      const prefer = req.headers.prefer;
      const ownPrefer = Array.isArray(prefer) ? prefer.join(', ') : prefer;
      const { scenario, own } = scenarioOf(control, method, path, ownPrefer);
      later(scenario.delay ?? 0, () => {
        if (res.destroyed) return; // the client gave up during the delay
        // No answer at all: the client's fetch rejects, as on a dropped connection.
        if (scenario.networkError) {
          req.socket.destroy();
          return;
        }
        const answer = screen(method, path, req.headers['content-type'], body);
        if (answer) {
          reply(res, answer);
          return;
        }
        const forPrism = own ? undefined : preferForPrism(method, path, scenario);
        forward(req, res, body, forPrism && ownPrefer ? `${ownPrefer}, ${forPrism}` : forPrism);
      });
    });
    req.on('error', () => res.destroy());
  });
  // A client that sends its request slowly or never finishes it must not hold a connection forever.
  server.requestTimeout = timeoutMs;
  server.headersTimeout = timeoutMs;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
