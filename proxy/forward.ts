// The socket adapter: each client connection gets one connection to the target, and the bytes of
// every message pass through as they came (status, headers, Content-Encoding, chunking,
// keep-alive), only the request line's path (the target's base path) and Host rewritten. An
// incremental HTTP/1.x reader on each side copies heads and bodies aside for the judge. This
// costs a fraction of re-sending each request through an HTTP client. The proxy never becomes
// the failure: a target that hangs, resets or answers garbage costs the client a bounded wait and
// a 502/504, and the exchange is recorded.
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { brotliDecompressSync, gunzipSync, inflateSync, zstdDecompressSync } from 'node:zlib';
import type { TransportFailure } from '../judge/exchange.ts';
import { classifyFailure } from '../traffic/failure.ts';
import type { Capture } from '../traffic/har.ts';
import {
  bodyFraming,
  createReader,
  type Framing,
  headerValues,
  type MessageHead,
  requestFramingProblem,
} from './http1-reader.ts';

export interface ProxyOptions {
  /** Where requests go, e.g. `http://127.0.0.1:8080` (a base path is kept: `/api` + request path). */
  target: string;
  port?: number;
  host?: string;
  /** Longest the target may stay silent: before its answer starts, and between body chunks. */
  timeoutMs?: number;
  /** Longest one exchange may take in all (a target that trickles bytes). */
  exchangeLimitMs?: number;
  /** Bytes of each body kept for judging and recording; the rest is forwarded, not kept. */
  maxCaptureBytes?: number;
  /** Longest a client may take to send a request head, from its first byte (slowloris); then 408 and close. */
  headTimeoutMs?: number;
  onCapture(capture: Capture): void;
}

export interface RunningProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const proxyDefaults = {
  timeoutMs: 10_000,
  exchangeLimitMs: 60_000,
  maxCaptureBytes: 1024 * 1024,
  headTimeoutMs: 20_000,
};

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1). Each client connection
 * has its own to the target, so they pass through; they are left out of what is recorded (a
 * replay frames its own answers).
 */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The options of a message's Connection header, lower-cased (`close`, `keep-alive`, header names). */
function connectionOptions(headers: [string, string][]): string[] {
  return headerValues(headers, 'connection').flatMap((v) =>
    v
      .toLowerCase()
      .split(',')
      .map((o) => o.trim()),
  );
}

/** Raw header pairs minus hop-by-hop ones and those the Connection header names. */
function endToEnd(headers: [string, string][]): [string, string][] {
  const named = connectionOptions(headers);
  return headers.filter(([name]) => {
    const lower = name.toLowerCase();
    return !hopByHop.has(lower) && !named.includes(lower);
  });
}

/** A copy of the body without its Content-Encoding, for the judge; the client gets the original bytes. */
export function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === undefined || body.length === 0) return body;
  const codings = encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let out = body;
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out);
    else if (coding === 'deflate') out = inflateSync(out);
    else if (coding === 'br') out = brotliDecompressSync(out);
    else if (coding === 'zstd') out = zstdDecompressSync(out);
    else return body;
  }
  return out;
}

/** Collects up to `limit` bytes of a stream's chunks. */
class Collector {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept >= this.limit) return;
    const part = this.kept + chunk.length > this.limit ? chunk.subarray(0, this.limit - this.kept) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }
  bytes(): Buffer {
    // One chunk (the usual small body) is kept as the view it is, not copied.
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
  }
  get truncated(): boolean {
    return this.total > this.kept;
  }
}

/** Meant for the proxy itself, never passed on. */
const forProxy = new Set(['proxy-connection', 'proxy-authorization']);

/** One request and its answer, as the proxy follows them. */
interface Pending {
  startedAt: number;
  t0: number;
  sentAt: number;
  headersAt?: number;
  method: string;
  url: string;
  httpVersion: string;
  requestHeaders: [string, string][];
  requestBody: Collector;
  responseBody: Collector;
  answer?: { status: number; statusText: string; headers: [string, string][] };
  encoding?: string;
  /** Bytes of the answer already passed to the client. */
  answered: boolean;
  /** The request or its answer ends the connection (`Connection: close`, or HTTP/1.0 without keep-alive). */
  lastOnConnection: boolean;
}

const statusLine = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;
const requestLine = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/(1\.[01])$/;

/** Whether a message ends its connection once complete (RFC 9112 §9.3). */
function endsConnection(headers: [string, string][], version: string): boolean {
  const options = connectionOptions(headers);
  return options.includes('close') || (version === '1.0' && !options.includes('keep-alive'));
}

/** Pieces gathered while one read is parsed, then written at once: one system call, not one per piece. */
function outbox() {
  const pieces: Buffer[] = [];
  return {
    add(bytes: Buffer) {
      const last = pieces.at(-1);
      // Neighbours in the same read (a head and its body) stay one view: nothing is copied.
      if (last && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
        pieces[pieces.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + bytes.length);
      } else pieces.push(bytes);
    },
    take(): Buffer | undefined {
      if (pieces.length === 0) return undefined;
      const out = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
      pieces.length = 0;
      return out;
    },
  };
}

/** The proxy's own answer when the target gave none it could pass on. */
const reasons = { 400: 'Bad Request', 408: 'Request Timeout', 502: 'Bad Gateway', 504: 'Gateway Timeout' };

function ownAnswer(status: keyof typeof reasons, text: string): Buffer {
  const reason = reasons[status];
  return Buffer.from(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const secure = target.protocol === 'https:';
  const targetHost = target.hostname.replace(/^\[|\]$/g, '');
  const targetPort = Number(target.port || (secure ? 443 : 80));
  const timeoutMs = options.timeoutMs ?? proxyDefaults.timeoutMs;
  const exchangeLimitMs = options.exchangeLimitMs ?? proxyDefaults.exchangeLimitMs;
  const maxCapture = options.maxCaptureBytes ?? proxyDefaults.maxCaptureBytes;
  const headTimeoutMs = options.headTimeoutMs ?? proxyDefaults.headTimeoutMs;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const openUpstream = (): Socket =>
    secure
      ? tlsConnect({ host: targetHost, port: targetPort, servername: target.hostname, ALPNProtocols: ['http/1.1'] })
      : tcpConnect({ host: targetHost, port: targetPort });

  /** The request head as the target gets it: the base path before the path, Host naming the target. */
  function rewriteHead(head: MessageHead, method: string, url: string, version: string): Buffer {
    let path = url;
    if (/^https?:\/\//i.test(url)) {
      const absolute = new URL(url);
      path = absolute.pathname + absolute.search;
    }
    const lines = [`${method} ${path === '*' ? '*' : basePath + path} HTTP/${version}`];
    let host = false;
    for (const [name, value] of head.headers) {
      const lower = name.toLowerCase();
      if (forProxy.has(lower)) continue;
      if (lower === 'host') {
        if (!host) lines.push(`${name}: ${target.host}`);
        host = true;
      } else lines.push(`${name}: ${value}`);
    }
    if (!host) lines.push(`Host: ${target.host}`);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  }

  function serveConnection(client: Socket): void {
    client.setNoDelay(true);
    track(client);
    let upstream: Socket | undefined;
    /** Requests sent to the target, oldest first, each waiting for its answer. */
    const waiting: Pending[] = [];
    let current: Pending | undefined; // the request whose body is being read
    let closed = false;
    let clientEnded = false; // the client sent all it will send, and waits for the answers
    let tunnel = false;
    let limit: NodeJS.Timeout | undefined;
    let lastAnswered = false; // an answer that ends the connection went out
    const toClient = outbox();
    const toTarget = outbox();

    const finish = (exchange: Pending, failure?: TransportFailure) => {
      const end = performance.now();
      const raw = exchange.responseBody.bytes();
      let body: Buffer = raw;
      try {
        body = decodeBody(raw, exchange.encoding);
      } catch {
        // A body that does not decode as announced is judged as it came (the judge says it is not JSON).
      }
      const reached = exchange.headersAt ?? end;
      options.onCapture({
        startedAt: exchange.startedAt,
        method: exchange.method,
        url: exchange.url,
        target: target.href,
        httpVersion: exchange.httpVersion,
        requestHeaders: exchange.requestHeaders,
        requestBody: exchange.requestBody.bytes(),
        ...(exchange.requestBody.truncated ? { requestBytes: exchange.requestBody.total } : {}),
        response: {
          status: exchange.answer?.status ?? 502,
          statusText: exchange.answer?.statusText ?? '',
          headers: exchange.answer?.headers ?? [],
          wireBytes: exchange.responseBody.total,
          body,
          truncated: exchange.responseBody.truncated,
        },
        ...(failure ? { failure } : {}),
        timings: {
          send: Math.max(0, exchange.sentAt - exchange.t0),
          wait: Math.max(0, reached - exchange.sentAt),
          receive: Math.max(0, end - reached),
        },
      });
    };

    /** Ends both connections; every exchange still open is recorded with `failure`. */
    const shutDown = (failure: TransportFailure) => {
      if (closed) return;
      const answered = toClient.take();
      if (answered) client.write(answered);
      closed = true;
      clearTimeout(limit);
      const [first, ...rest] = waiting.splice(0);
      if (first) {
        if (first.answered) client.destroy();
        else {
          // A malformed request is the client's: 400, not the target's 502.
          const status = failure.kind === 'client' ? 400 : failure.kind === 'timeout' ? 504 : 502;
          const text = `contract proxy: ${failure.message}\n`;
          first.answer = { status, statusText: reasons[status], headers: [] };
          first.encoding = undefined;
          first.responseBody = new Collector(maxCapture);
          first.responseBody.add(Buffer.from(text));
          client.end(ownAnswer(status, text));
        }
        finish(first, failure);
      } else client.end();
      for (const exchange of rest) finish(exchange, failure);
      upstream?.destroy();
    };

    const targetFailure = (failure: TransportFailure): TransportFailure => ({
      ...failure,
      message: `the target ${failure.message.replace(/^the server /, '')}`,
    });

    /** The target's side of the connection: its answers go to the client as they come. */
    function connectUpstream(): Socket {
      const socket = openUpstream();
      socket.setNoDelay(true);
      track(socket);
      let answering: Pending | undefined;
      const reader = createReader({
        head(head) {
          const exchange = waiting[0];
          if (!exchange) return 'the target answered a request nobody sent';
          const status = statusLine.exec(head.startLine);
          if (!status) return `the answer is not HTTP/1.x (it starts ${JSON.stringify(head.startLine.slice(0, 40))})`;
          const code = Number(status[1]);
          if (code >= 100 && code < 200 && code !== 101) {
            exchange.answered = true;
            return { kind: 'none' }; // interim (100 Continue, 103): the real answer follows
          }
          const framing: Framing | undefined =
            code === 101
              ? { kind: 'tunnel' }
              : exchange.method === 'HEAD' || code === 204 || code === 304
                ? { kind: 'none' }
                : bodyFraming(head.headers, { kind: 'close' });
          if (!framing) return 'the answer has a malformed Content-Length or Transfer-Encoding';
          exchange.answered = true;
          exchange.lastOnConnection ||= endsConnection(head.headers, head.startLine.slice(5, 8));
          answering = exchange;
          exchange.headersAt = performance.now();
          exchange.answer = { status: code, statusText: status[2] ?? '', headers: endToEnd(head.headers) };
          exchange.encoding = headerValues(head.headers, 'content-encoding').join(', ') || undefined;
          return framing;
        },
        wire(bytes) {
          toClient.add(bytes);
        },
        data(bytes) {
          answering?.responseBody.add(bytes);
        },
        end() {
          const exchange = answering;
          if (!exchange) return; // an interim answer
          answering = undefined;
          waiting.shift();
          finish(exchange);
          if (exchange.lastOnConnection) lastAnswered = true;
          if (waiting.length > 0) limit?.refresh(); // the next exchange's time starts now
          if (exchange.answer?.status === 101) {
            // Switched protocols: from here on both sides are passed through untouched.
            tunnel = true;
            client.removeAllListeners('data');
            client.on('data', (chunk: Buffer) => socket.write(chunk));
          }
        },
        error(message) {
          shutDown(targetFailure({ kind: 'protocol', message: `answered garbage: ${message}` }));
        },
      });
      socket.on('data', (chunk: Buffer) => {
        reader.push(chunk);
        const out = toClient.take();
        if (out && !closed && !client.write(out)) {
          socket.pause();
          client.once('drain', () => socket.resume());
        }
        if (lastAnswered && !closed) {
          closed = true;
          client.end();
          socket.end();
        } else if (clientEnded && waiting.length === 0 && !tunnel && !closed) client.end();
      });
      socket.on('end', () => {
        const inProgress = answering;
        const { cut } = reader.close();
        if (!cut && waiting.length === 0) {
          if (upstream === socket) upstream = undefined;
          // A close-delimited answer (or a tunnel) ends with the target's connection: so does the client's.
          if (inProgress || tunnel) client.end();
          return;
        }
        shutDown(
          targetFailure({
            kind: 'reset',
            message: answering ? 'closed the connection mid-answer' : 'closed the connection without answering',
          }),
        );
      });
      socket.setTimeout(timeoutMs);
      socket.on('timeout', () => {
        const exchange = waiting[0];
        if (!exchange) return; // idle between exchanges: fine
        if (exchange === current && exchange.headersAt === undefined) {
          // The target waits for a body the client announced and never finished: the client's doing.
          shutDown({ kind: 'client', message: 'the client sent less of its request body than it announced' });
          return;
        }
        shutDown({
          kind: 'timeout',
          message: `no ${exchange?.headersAt === undefined ? 'answer' : 'further bytes'} from the target within ${timeoutMs} ms`,
        });
      });
      socket.on('error', (error) => {
        if (waiting.length === 0) {
          if (upstream === socket) upstream = undefined;
          return;
        }
        shutDown(targetFailure(classifyFailure({ message: error.message, cause: error }, timeoutMs)));
      });
      socket.on('close', () => {
        if (upstream === socket) upstream = undefined;
        if (waiting.length > 0 && !closed) {
          shutDown(targetFailure({ kind: 'reset', message: 'closed the connection without answering' }));
        }
      });
      return socket;
    }

    const requests = createReader({
      head(head) {
        clearTimeout(headTimer);
        headTimer = undefined;
        const line = requestLine.exec(head.startLine);
        if (!line) return `malformed request line ${JSON.stringify(head.startLine.slice(0, 80))}`;
        const ambiguous = requestFramingProblem(head.headers);
        if (ambiguous) return ambiguous;
        const framing: Framing | undefined = bodyFraming(head.headers, { kind: 'none' });
        if (!framing) return 'a malformed Content-Length or Transfer-Encoding';
        const [, method = 'GET', url = '/', version = '1.1'] = line;
        const t0 = performance.now();
        const exchange: Pending = {
          startedAt: Date.now(),
          t0,
          sentAt: t0,
          method,
          url,
          httpVersion: version,
          requestHeaders: head.headers,
          requestBody: new Collector(maxCapture),
          responseBody: new Collector(maxCapture),
          answered: false,
          lastOnConnection: endsConnection(head.headers, version),
        };
        current = exchange;
        waiting.push(exchange);
        if (waiting.length === 1) {
          // One timer per connection, for the oldest exchange waiting: cheaper than one per exchange.
          limit ??= setTimeout(() => {
            if (waiting.length > 0 && waiting[0] === current && waiting[0]?.headersAt === undefined) {
              shutDown({
                kind: 'client',
                message: `the client did not finish its request within ${exchangeLimitMs} ms`,
              });
            } else if (waiting.length > 0) {
              shutDown({ kind: 'timeout', message: `the exchange took longer than ${exchangeLimitMs} ms` });
            }
          }, exchangeLimitMs).unref();
          limit.refresh();
        }
        toTarget.add(rewriteHead(head, method, url, version));
        upstream ??= connectUpstream();
        return framing;
      },
      wire(bytes, part) {
        // The rewritten head went out in `head`; body bytes pass as they are.
        if (part === 'body') toTarget.add(bytes);
      },
      data(bytes) {
        current?.requestBody.add(bytes);
      },
      end() {
        if (current) current.sentAt = performance.now();
        current = undefined;
      },
      error(message) {
        if (closed) return;
        // The client's mistake, refused with 400 and recorded as such: never the target's violation.
        const failure: TransportFailure = { kind: 'client', message: `the client sent ${message}` };
        if (waiting.length > 0) {
          shutDown(failure);
          return;
        }
        closed = true;
        const text = `contract proxy: ${failure.message}\n`;
        client.end(ownAnswer(400, text));
        upstream?.destroy();
        refused(startLine, failure, text);
      },
    });
    /** Records a request refused before it was forwarded (its head could not be used). */
    function refused(line: string, failure: TransportFailure, text: string): void {
      const [method = 'GET', url = '/'] = line.split(' ');
      const now = Date.now();
      options.onCapture({
        startedAt: now,
        method: /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method) ? method : 'GET',
        url: url.startsWith('/') ? url : '/',
        target: target.href,
        httpVersion: '1.1',
        requestHeaders: [],
        requestBody: Buffer.alloc(0),
        response: {
          status: 400,
          statusText: reasons[400],
          headers: [],
          wireBytes: Buffer.byteLength(text),
          body: Buffer.from(text),
          truncated: false,
        },
        failure,
        timings: { send: 0, wait: 0, receive: 0 },
      });
    }
    // A request head must arrive whole within headTimeoutMs of its first byte: a client that drips
    // it (slowloris) is answered 408 and closed, so it cannot hold connections open for ever.
    let headTimer: NodeJS.Timeout | undefined;
    let startLine = '';
    client.on('data', (chunk: Buffer) => {
      if (requests.idle && chunk.length > 0) {
        const newline = chunk.indexOf(10);
        startLine = chunk.toString('latin1', 0, Math.min(newline === -1 ? chunk.length : newline, 200)).trim();
        headTimer ??= setTimeout(() => {
          headTimer = undefined;
          if (closed || requests.idle) return;
          if (waiting.length > 0) return; // answers still owed: the exchange limit bounds this connection
          closed = true;
          client.end(ownAnswer(408, `contract proxy: the request head did not arrive within ${headTimeoutMs} ms\n`));
          client.destroySoon?.();
          setTimeout(() => client.destroy(), 1000).unref();
          upstream?.destroy();
        }, headTimeoutMs).unref();
      }
      requests.push(chunk);
      const out = toTarget.take();
      if (out && upstream && !closed && !upstream.write(out)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    client.setTimeout(exchangeLimitMs, () => {
      if (waiting.length === 0) {
        closed = true;
        client.destroy();
        upstream?.destroy();
      }
    });
    client.on('error', () => {});
    client.on('end', () => {
      clientEnded = true;
      if (tunnel) upstream?.end();
      else if (waiting.length === 0) client.end();
    });
    client.on('close', () => {
      clearTimeout(limit);
      clearTimeout(headTimer);
      if (closed) return;
      closed = true;
      upstream?.destroy();
      const open = waiting.splice(0);
      for (const exchange of open) {
        // Gone before its own request was complete: the client's doing; gone while the answer came: counted as before.
        const kind = exchange === current && exchange.headersAt === undefined ? 'client' : 'reset';
        finish(exchange, { kind, message: 'the client closed the connection before the answer was complete' });
      }
    });
  }

  const server = createServer({ allowHalfOpen: true }, serveConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
