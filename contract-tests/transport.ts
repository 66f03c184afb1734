// Sends the kit's requests and records each exchange. Every request is bounded: a per-request
// timeout, a deadline for the whole run, and a breaker that stops waiting on a server that has
// stopped answering, so a hanging server yields failures quickly instead of a stuck run.
import { parseMediaType } from '../common/media-type.ts';
import { type Exchange, parseJson, type RequestSpec } from '../judge/exchange.ts';
import { classifyFailure } from '../traffic/failure.ts';

export type {
  Exchange,
  FailureKind,
  JsonBody,
  ReceivedResponse,
  RequestSpec,
  TransportFailure,
} from '../judge/exchange.ts';
export { classifyFailure, parseJson };

export type Fetch = typeof globalThis.fetch;

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
      // Several Set-Cookie headers cannot be joined with commas (dates hold commas): one per line.
      const cookies = response.headers.getSetCookie?.() ?? [];
      if (cookies.length > 1) headers['set-cookie'] = cookies.join('\n');
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
