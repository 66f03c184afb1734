// Sends the kit's requests and records each exchange. Every request is bounded: a per-request
// timeout, a deadline for the whole run, and a breaker that stops waiting on a server that has
// stopped answering, so a hanging server yields failures quickly instead of a stuck run.
import { type MediaType, parseMediaType } from '../common/media-type.ts';

export type Fetch = typeof globalThis.fetch;

export interface RequestSpec {
  method: string;
  /** Path under the base URL, e.g. `/v1/api/auth/login`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the request is for, in plain words ("login with a wrong password"). */
  label: string;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

export interface ReceivedResponse {
  status: number;
  statusText: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  mediaType: MediaType | undefined;
  text: string;
  /** The body parsed as JSON (whatever the declared media type), or why it is not JSON. */
  json: JsonBody;
  truncated: boolean;
}

export type FailureKind = 'timeout' | 'reset' | 'protocol' | 'unreachable' | 'not-sent' | 'other';

export interface TransportFailure {
  kind: FailureKind;
  /** Plain words, e.g. "no answer within 5000 ms". */
  message: string;
  /** Low-level code when there is one (ECONNREFUSED, UND_ERR_SOCKET …). */
  code?: string;
}

export interface Exchange {
  request: RequestSpec & { url: string };
  response?: ReceivedResponse;
  failure?: TransportFailure;
  startedAt: number;
  durationMs: number;
  /** The request was first answered with a rate limit (429/503 + Retry-After), waited out and sent again. */
  retried?: { status: number; waitedMs: number };
}

export interface TransportOptions {
  baseUrl: string;
  fetch: Fetch;
  timeoutMs: number;
  /** Absolute time (ms since epoch) after which no request is sent. */
  deadline: number;
  now?: () => number;
  /** Bodies beyond this are cut off (a server streaming forever must not exhaust memory). */
  maxBodyBytes?: number;
  /**
   * After this many timeouts in a row, the last request the server did answer is repeated: if that
   * goes unanswered too, the server is taken as hung and nothing more is sent.
   */
  breakerThreshold?: number;
  /** After this many timeouts in all, nothing more is sent (bounds the run whatever the pattern). */
  breakerTotal?: number;
  /** Sent with every request (a gateway's API key, a WAF's header); the request's own headers win. */
  headers?: Record<string, string>;
  /** Minimum gap between the starts of two requests, in ms. */
  paceMs?: number;
  /** Waits between a rate-limited answer and the retry (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/** How long a Retry-After header asks to wait (RFC 9110 §10.2.3: seconds or an HTTP date), in ms. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const rateLimitStatuses = new Set([429, 503]);

export interface Transport {
  send(spec: RequestSpec): Promise<Exchange>;
  /** Every exchange so far, in order. */
  readonly log: readonly Exchange[];
  url(path: string): string;
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

/** Certificate problems in plain words, with what to do about them. */
const certificateProblems: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed and not trusted (trust it with --ca-file)',
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted (add the CA with --ca-file)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name than the one in --base-url',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
};

/** Turns whatever fetch threw into a kind and plain words. */
export function classifyFailure(error: unknown, timeoutMs: number): TransportFailure {
  const err = error as { name?: string; message?: string; cause?: unknown };
  if (err?.name === 'TimeoutError') return { kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
  const causes: { code?: string; message?: string; name?: string }[] = [];
  const collect = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const v = value as { code?: string; message?: string; name?: string; cause?: unknown; errors?: unknown[] };
    causes.push(v);
    for (const inner of v.errors ?? []) collect(inner);
    if (v.cause && v.cause !== value) collect(v.cause);
  };
  collect(err?.cause);
  const codes = causes.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const detail = causes.map((c) => c.message).find(Boolean) ?? err?.message ?? String(error);
  const certificate = codes.find((c) => c in certificateProblems);
  if (certificate) {
    return {
      kind: 'unreachable',
      code: certificate,
      message: `TLS certificate problem: ${certificateProblems[certificate]} (${detail})`,
    };
  }
  const unreachable = codes.find((c) => unreachableCodes.has(c));
  if (unreachable) return { kind: 'unreachable', code: unreachable, message: `cannot connect (${detail})` };
  if (causes.some((c) => c.message === 'bad port')) {
    return {
      kind: 'unreachable',
      code: 'BAD_PORT',
      message: 'cannot connect: the port is on the Fetch standard\'s list of blocked ("bad") ports',
    };
  }
  const reset = codes.find((c) => resetCodes.has(c));
  if (reset) return { kind: 'reset', code: reset, message: `the server closed or reset the connection (${detail})` };
  if (causes.some((c) => c.name === 'HTTPParserError' || c.code?.startsWith('HPE_'))) {
    return { kind: 'protocol', message: `the answer is not valid HTTP (${detail})` };
  }
  return { kind: 'other', message: `the request failed (${detail})`, ...(codes[0] ? { code: codes[0] } : {}) };
}

async function readBody(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
  return { text, truncated };
}

export function parseJson(text: string, truncated: boolean): JsonBody {
  if (truncated) return { ok: false, error: 'the body is too large to read' };
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return { ok: false, error: 'the body is empty' };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    return { ok: false, error: `the body is not valid JSON (${(error as Error).message})` };
  }
}

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const breakerThreshold = options.breakerThreshold ?? 2;
  const breakerTotal = options.breakerTotal ?? 5;
  const base = options.baseUrl.replace(/\/+$/, '');
  const log: Exchange[] = [];
  let timeoutsInARow = 0;
  let timeouts = 0;
  /** Why the server is taken as hung; once set, nothing more is sent. */
  let dead: string | undefined;
  /** The last request the server answered: replayed to tell "hangs on this input" from "hangs". */
  let lastAnswered: RequestSpec | undefined;

  const url = (path: string) => `${base}${path}`;

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /**
   * Sends once; a rate-limited answer with Retry-After is waited out (when the run's deadline
   * allows) and the request sent once more, so a rate limit is never judged as the server's answer.
   */
  async function exchange(spec: RequestSpec): Promise<Exchange> {
    const first = await attempt(spec);
    const status = first.response?.status;
    if (status === undefined || !rateLimitStatuses.has(status)) return record(first);
    const waitMs = retryAfterMs(first.response?.headers['retry-after'], now());
    if (waitMs === undefined || now() + waitMs + 1 >= options.deadline) return record(first);
    await sleep(waitMs);
    const second = await attempt(spec);
    return record({ ...second, retried: { status, waitedMs: waitMs } });
  }

  function record(done: Exchange): Exchange {
    log.push(done);
    return done;
  }

  let lastStart = Number.NEGATIVE_INFINITY;

  async function attempt(spec: RequestSpec): Promise<Exchange> {
    const gap = (options.paceMs ?? 0) - (now() - lastStart);
    if (gap > 0) await sleep(gap);
    lastStart = now();
    const startedAt = now();
    const request = { ...spec, url: url(spec.path) };
    const record = (rest: Pick<Exchange, 'response' | 'failure'>): Exchange => ({
      request,
      startedAt,
      durationMs: now() - startedAt,
      ...rest,
    });
    const remaining = options.deadline - startedAt;
    if (remaining <= 0) {
      return record({ failure: { kind: 'not-sent', message: "not sent: the run's overall time limit was reached" } });
    }
    const timeoutMs = Math.min(options.timeoutMs, remaining);
    try {
      const response = await options.fetch(request.url, {
        method: spec.method,
        headers: { ...options.headers, ...spec.headers },
        ...(spec.body === undefined ? {} : { body: spec.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const { text, truncated } = await readBody(response, maxBodyBytes);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      timeoutsInARow = 0;
      lastAnswered = spec;
      return record({
        response: {
          status: response.status,
          statusText: response.statusText,
          headers,
          mediaType: parseMediaType(response.headers.get('content-type')),
          text,
          json: parseJson(text, truncated),
          truncated,
        },
      });
    } catch (error) {
      const failure = classifyFailure(error, timeoutMs);
      timeoutsInARow = failure.kind === 'timeout' ? timeoutsInARow + 1 : 0;
      if (failure.kind === 'timeout') timeouts++;
      if (failure.kind === 'unreachable' && log.some((e) => e.response)) {
        failure.message = `${failure.message}; the server answered earlier requests, so it may have crashed on one of them`;
      }
      return record({ failure });
    }
  }

  /** After timeouts in a row: is the server still answering anything? Decides whether to go on. */
  async function stillAnswering(): Promise<boolean> {
    if (timeouts >= breakerTotal) {
      dead = `${timeouts} requests got no answer within ${options.timeoutMs} ms`;
      return false;
    }
    if (timeoutsInARow < breakerThreshold) return true;
    const replay = lastAnswered;
    if (replay) {
      const probe = await exchange({ ...replay, label: `is the server still answering? (repeats "${replay.label}")` });
      if (probe.response) return true;
    }
    dead = `${timeoutsInARow} requests in a row got no answer within ${options.timeoutMs} ms`;
    return false;
  }

  async function send(spec: RequestSpec): Promise<Exchange> {
    if (!dead) await stillAnswering();
    if (dead) {
      const request = { ...spec, url: url(spec.path) };
      const skipped: Exchange = {
        request,
        startedAt: now(),
        durationMs: 0,
        failure: { kind: 'not-sent', message: `not sent: the server stopped answering (${dead})` },
      };
      log.push(skipped);
      return skipped;
    }
    return exchange(spec);
  }

  return { send, log, url };
}
