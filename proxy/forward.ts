// The node:http adapter: forwards each request to the target unchanged and streams the target's
// answer back unchanged (status, headers, Content-Encoding, chunking, keep-alive), while copying
// both bodies aside for the judge. It never becomes the failure: a target that hangs, resets or
// answers garbage costs the client a bounded wait and a 502/504, and the exchange is recorded.
import {
  createServer,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync, zstdDecompressSync } from 'node:zlib';
import { classifyFailure, type TransportFailure } from '../contract-tests/transport.ts';
import type { Capture } from './har.ts';

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
  onCapture(capture: Capture): void;
}

export interface RunningProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const proxyDefaults = { timeoutMs: 10_000, exchangeLimitMs: 60_000, maxCaptureBytes: 4 * 1024 * 1024 };

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded. */
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

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/** Raw header pairs minus hop-by-hop ones and those the Connection header names. */
function endToEnd(headers: [string, string][]): [string, string][] {
  const named = new Set(
    headers
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(',').map((v) => v.trim().toLowerCase())),
  );
  return headers.filter(([name]) => !hopByHop.has(name.toLowerCase()) && !named.has(name.toLowerCase()));
}

/** A copy of the body without its Content-Encoding, for the judge; the client gets the original bytes. */
export function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  const codings = (encoding ?? '')
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
function collector(limit: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  return {
    add(chunk: Buffer) {
      total += chunk.length;
      if (kept >= limit) return;
      const part = kept + chunk.length > limit ? chunk.subarray(0, limit - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    },
    get total() {
      return total;
    },
    bytes: () => Buffer.concat(chunks),
    get truncated() {
      return total > kept;
    },
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const timeoutMs = options.timeoutMs ?? proxyDefaults.timeoutMs;
  const exchangeLimitMs = options.exchangeLimitMs ?? proxyDefaults.exchangeLimitMs;
  const maxCapture = options.maxCaptureBytes ?? proxyDefaults.maxCaptureBytes;
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    const t0 = performance.now();
    let sentAt = t0;
    let headersAt: number | undefined;
    let done = false;
    const requestBody = collector(maxCapture);
    const responseBody = collector(maxCapture);
    const requestHeaders = pairs(req.rawHeaders);
    let answer: { status: number; statusText: string; headers: [string, string][] } | undefined;
    let encoding: string | undefined;

    const finish = (failure?: TransportFailure) => {
      if (done) return;
      done = true;
      clearTimeout(limit);
      const end = performance.now();
      const raw = responseBody.bytes();
      let body: Buffer = raw;
      try {
        body = decodeBody(raw, encoding);
      } catch {
        // A body that does not decode as announced is judged as it came (the judge says it is not JSON).
      }
      const reached = headersAt ?? end;
      options.onCapture({
        startedAt,
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        target: target.href,
        httpVersion: req.httpVersion,
        requestHeaders,
        requestBody: requestBody.bytes(),
        response: {
          status: answer?.status ?? res.statusCode,
          statusText: answer?.statusText ?? res.statusMessage ?? '',
          headers: answer?.headers ?? [],
          wireBytes: responseBody.total,
          body,
          truncated: responseBody.truncated,
        },
        ...(failure ? { failure } : {}),
        timings: {
          send: Math.max(0, sentAt - t0),
          wait: Math.max(0, reached - sentAt),
          receive: Math.max(0, end - reached),
        },
      });
    };

    /** No usable answer: the client gets the proxy's own 502/504 (or a cut connection mid-body). */
    const giveUp = (failure: TransportFailure) => {
      upstream.destroy();
      if (res.headersSent) {
        res.destroy();
      } else {
        const status = failure.kind === 'timeout' ? 504 : 502;
        const text = `contract proxy: ${failure.message}\n`;
        answer = { status, statusText: status === 504 ? 'Gateway Timeout' : 'Bad Gateway', headers: [] };
        res.writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
        responseBody.add(Buffer.from(text));
      }
      finish(failure);
    };

    const headers = endToEnd(requestHeaders).map(([name, value]): [string, string] =>
      name.toLowerCase() === 'host' ? [name, target.host] : [name, value],
    );
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${basePath}${req.url ?? '/'}`,
      headers: headers.flat() as unknown as OutgoingHttpHeaders,
      agent,
    });
    // Headers and body go out as separate writes: without this, Nagle's algorithm and delayed ACKs add ~40 ms.
    upstream.on('socket', (socket) => socket.setNoDelay(true));
    upstream.setTimeout(timeoutMs, () =>
      giveUp({
        kind: 'timeout',
        message: `no ${headersAt === undefined ? 'answer' : 'further bytes'} from the target within ${timeoutMs} ms`,
      }),
    );
    const limit = setTimeout(
      () => giveUp({ kind: 'timeout', message: `the exchange took longer than ${exchangeLimitMs} ms` }),
      exchangeLimitMs,
    );
    upstream.on('error', (error) => {
      if (done) return;
      const failure = classifyFailure({ message: error.message, cause: error }, timeoutMs);
      giveUp({ ...failure, message: `the target ${failure.message.replace(/^the server /, '')}` });
    });
    upstream.on('response', (upstreamRes: IncomingMessage) => {
      headersAt = performance.now();
      const forwarded = endToEnd(pairs(upstreamRes.rawHeaders));
      answer = {
        status: upstreamRes.statusCode ?? 502,
        statusText: upstreamRes.statusMessage ?? '',
        headers: forwarded,
      };
      encoding = upstreamRes.headers['content-encoding'];
      res.writeHead(answer.status, answer.statusText, forwarded.flat());
      upstreamRes.on('data', (chunk: Buffer) => responseBody.add(chunk));
      upstreamRes.on('end', () => finish());
      upstreamRes.on('aborted', () =>
        giveUp({ kind: 'reset', message: 'the target closed the connection mid-answer' }),
      );
      upstreamRes.on('error', () => giveUp({ kind: 'reset', message: 'the target closed the connection mid-answer' }));
      upstreamRes.pipe(res);
    });

    req.on('data', (chunk: Buffer) => requestBody.add(chunk));
    req.on('end', () => {
      sentAt = performance.now();
    });
    req.pipe(upstream);
    // The client went away: stop waiting for the target on its behalf.
    res.on('close', () => {
      if (!done && !res.writableFinished) {
        upstream.destroy();
        finish({ kind: 'reset', message: 'the client closed the connection before the answer was complete' });
      }
    });
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      }),
  };
}
