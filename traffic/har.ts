// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) for the proxy: entries built from
// what went over the wire, and read back as the kit's exchanges for offline verdicts and replay.
// Bodies are stored decoded (content.text, as the spec asks; base64 when not UTF-8 text), with
// content.compression telling how much the wire encoding saved.
import type { Entry, Har, Header } from 'har-format';
import { checkHar } from '../common/har-check.ts';
import type { TransportFailure } from '../judge/exchange.ts';
import type { RecordedExchange } from './recorded-exchange.ts';

/** What the proxy saw of one exchange, bytes included. */
export interface Capture {
  startedAt: number;
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  /** The target's origin and base path, e.g. `http://127.0.0.1:8080`. */
  target: string;
  httpVersion: string;
  requestHeaders: [string, string][];
  requestBody: Buffer;
  /** The request body's full size, when more came than was kept in `requestBody`. */
  requestBytes?: number;
  /** What the client got: the target's answer, or the proxy's own 502/504. */
  response: {
    status: number;
    statusText: string;
    headers: [string, string][];
    /** Bytes as forwarded (still Content-Encoded). */
    wireBytes: number;
    /** The body decoded (what the judge reads). */
    body: Buffer;
    truncated: boolean;
  };
  /** Set when the target gave no usable answer and the proxy answered itself. */
  failure?: TransportFailure;
  timings: { send: number; wait: number; receive: number };
}

/**
 * Proxy-specific fields (HAR allows custom fields that start with an underscore): why the proxy
 * answered itself, and the path as the client sent it (the URL holds the target's base path too).
 */
export type ProxyEntry = Entry & { _failure?: TransportFailure; _clientUrl?: string };

export const creator = { name: 'login-api-kit proxy', version: '0.1.0' };

/** Bytes of each body a recording keeps; the rest is cut off with a note, so memory and files stay bounded. */
export const recordingBodyLimit = 1024 * 1024;

const cutNote = (size: number) => `body cut off: ${size} bytes, the recording keeps the first ${recordingBodyLimit}`;

/** Text of at most the recording limit, masked before it is cut (so no piece of a secret is left at the cut). */
function recordedText(text: string, mask: (text: string) => string): string {
  const masked = mask(text);
  if (Buffer.byteLength(masked) <= recordingBodyLimit) return masked;
  // Cut on a character boundary: a partial UTF-8 sequence at the end decodes to U+FFFD, dropped.
  return Buffer.from(masked, 'utf8')
    .subarray(0, recordingBodyLimit)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

const joinHeaders = (pairs: [string, string][]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
};

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function cookies(header: string | undefined): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(';').flatMap((pair) => {
    const eq = pair.indexOf('=');
    return eq > 0 ? [{ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() }] : [];
  });
}

/** Entry for one capture; every string passes through `mask` (identity when secrets are kept). */
export function toHarEntry(capture: Capture, mask: (text: string) => string): ProxyEntry {
  const url = new URL(capture.url, 'http://placeholder');
  const fullUrl = mask(`${capture.target.replace(/\/+$/, '')}${url.pathname}${url.search}`);
  const requestHeaders: Header[] = capture.requestHeaders.map(([name, value]) => ({ name, value: mask(value) }));
  const requestType = joinHeaders(capture.requestHeaders)['content-type'];
  const response = capture.response;
  const responseHeaders = joinHeaders(response.headers);
  const text = isUtf8(response.body);
  const { send, wait, receive } = capture.timings;
  const requestSize = capture.requestBytes ?? capture.requestBody.length;
  return {
    startedDateTime: new Date(capture.startedAt).toISOString(),
    time: send + wait + receive,
    request: {
      method: capture.method,
      url: fullUrl,
      httpVersion: `HTTP/${capture.httpVersion}`,
      cookies: cookies(joinHeaders(capture.requestHeaders).cookie).map((c) => ({ ...c, value: mask(c.value) })),
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value: mask(value) })),
      ...(capture.requestBody.length > 0
        ? {
            postData: {
              mimeType: requestType ?? '',
              text: recordedText(capture.requestBody.toString('utf8'), mask),
              ...(requestSize > recordingBodyLimit ? { comment: cutNote(requestSize) } : {}),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: requestSize,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: `HTTP/${capture.httpVersion}`,
      cookies: [],
      headers: response.headers.map(([name, value]) => ({ name, value: mask(value) })),
      content: {
        size: response.body.length,
        ...(response.wireBytes !== response.body.length
          ? { compression: response.body.length - response.wireBytes }
          : {}),
        mimeType: responseHeaders['content-type'] ?? '',
        ...(text
          ? { text: recordedText(response.body.toString('utf8'), mask) }
          : { text: response.body.subarray(0, recordingBodyLimit).toString('base64'), encoding: 'base64' }),
        ...(response.truncated || response.body.length > recordingBodyLimit
          ? { comment: cutNote(Math.max(response.body.length, response.wireBytes)) }
          : {}),
      },
      redirectURL: responseHeaders.location ?? '',
      headersSize: -1,
      bodySize: response.wireBytes,
      ...(capture.failure ? { comment: `answered by the proxy: ${capture.failure.message}` } : {}),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send, wait, receive },
    ...(capture.failure ? { _failure: capture.failure } : {}),
    _clientUrl: mask(capture.url),
  };
}

export function toHar(entries: ProxyEntry[]): Har {
  return { log: { version: '1.2', creator, entries } };
}

/** The exchange as the judge reads it, from a capture (live) or a HAR entry (offline). */
export function captureToRecorded(capture: Capture): RecordedExchange {
  const { response } = capture;
  return {
    method: capture.method,
    url: capture.url,
    requestHeaders: joinHeaders(capture.requestHeaders),
    requestBody: capture.requestBody.toString('utf8'),
    ...(capture.failure
      ? { failure: capture.failure }
      : {
          response: {
            status: response.status,
            statusText: response.statusText,
            headers: joinHeaders(response.headers),
            text: response.body.toString('utf8'),
            truncated: response.truncated,
          },
        }),
    startedAt: capture.startedAt,
    durationMs: capture.timings.send + capture.timings.wait + capture.timings.receive,
  };
}

export function entryToRecorded(entry: ProxyEntry): RecordedExchange {
  const url = new URL(entry.request.url);
  const content = entry.response.content;
  const text =
    content.encoding === 'base64' ? Buffer.from(content.text ?? '', 'base64').toString('utf8') : (content.text ?? '');
  const pairs = (headers: Header[]) => headers.map((h): [string, string] => [h.name, h.value]);
  return {
    method: entry.request.method,
    url: entry._clientUrl ?? `${url.pathname}${url.search}`,
    requestHeaders: joinHeaders(pairs(entry.request.headers)),
    requestBody: entry.request.postData?.text ?? '',
    ...(entry._failure
      ? { failure: entry._failure }
      : {
          response: {
            status: entry.response.status,
            statusText: entry.response.statusText,
            headers: joinHeaders(pairs(entry.response.headers)),
            text,
            truncated: content.comment?.startsWith('body cut off') ?? false,
          },
        }),
    startedAt: Date.parse(entry.startedDateTime),
    durationMs: entry.time,
  };
}

/**
 * Reads a HAR document, or says in one sentence why it is not one (naming the entry). Each entry
 * is checked and rebuilt (`common/har-check.ts`); `warnings` name the headers left out.
 */
export function parseHar(text: string): { ok: true; har: Har; warnings: string[] } | { ok: false; message: string } {
  let value: unknown;
  try {
    // V8's JSON.parse does not recurse, so a deeply nested file is read; the check walks no deeper than it must.
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not JSON (${(error as Error).message})` };
  }
  return checkHar(value);
}
