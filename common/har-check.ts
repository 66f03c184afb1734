// A recording is input like any other: it may come from a browser, another tool or a careless
// edit. Before anything serves or judges it, each entry is checked once, here, and rebuilt from
// the fields the kit reads, so nothing later meets a status of 1000, a header that would split a
// response (`a\r\nSet-Cookie: …`), a character Node refuses in a header, or a body that is not text.
// What cannot be used stops the load with the entry and the reason (exit 2 in the commands); a bad
// header is dropped with a warning, since browser recordings carry HTTP/2 pseudo-headers
// (`:authority`) and the rest of the entry is good.
import type { Entry, Har, Header } from 'har-format';

export type HarCheck = { ok: true; har: Har; warnings: string[] } | { ok: false; message: string };

/** RFC 9110 §5.1: a field name is a token. */
const fieldName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §9.1: a method is a token too. */
const methodToken = fieldName;
/** What Node (and RFC 9110 §5.5) accepts in a field value: visible Latin-1, spaces and tabs; no CR, LF or NUL. */
const fieldValue = /^[\t\x20-\x7e\x80-\xff]*$/;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Unusable extends Error {}

/** A value in a message: strings quoted and cut short; containers by kind (never serialised: they may nest deep). */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : String(value);
  return typeof value === 'string' && value.length > 60 ? `${text}…` : text;
}

/** Headers kept when name and value are usable; the others named in `dropped`. */
function checkHeaders(value: unknown, where: string, dropped: string[]): Header[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Unusable(`${where} headers is not a list`);
  const kept: Header[] = [];
  for (const header of value) {
    if (!isRecord(header) || typeof header.name !== 'string' || typeof header.value !== 'string') {
      throw new Unusable(`${where} has a header that is not { name, value } strings`);
    }
    if (!fieldName.test(header.name)) dropped.push(`${where} header ${shown(header.name)} (not a valid header name)`);
    else if (!fieldValue.test(header.value)) {
      dropped.push(
        `${where} header ${header.name} (its value holds ${/[\r\n\0]/.test(header.value) ? 'CR, LF or NUL' : 'characters outside Latin-1'})`,
      );
    } else kept.push({ name: header.name, value: header.value });
  }
  return kept;
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Unusable(`${what} is ${typeof value}, not text`);
  return value;
}

function checkEntry(entry: unknown, dropped: string[]): Entry {
  if (!isRecord(entry)) throw new Unusable('it is not an object');
  const { request, response } = entry;
  if (!isRecord(request) || !isRecord(response)) throw new Unusable('it lacks a request or a response object');
  if (typeof request.method !== 'string' || !methodToken.test(request.method)) {
    throw new Unusable(`request.method ${shown(request.method)} is not an HTTP method`);
  }
  if (typeof request.url !== 'string' || !URL.canParse(request.url)) {
    throw new Unusable(`request.url ${shown(request.url)} is not a URL`);
  }
  const status = response.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new Unusable(`response.status ${shown(status)} is not an HTTP status (a whole number from 100 to 599)`);
  }
  const content = response.content ?? {};
  if (!isRecord(content)) throw new Unusable('response.content is not an object');
  const text = optionalString(content.text, 'response.content.text');
  const encoding = optionalString(content.encoding, 'response.content.encoding');
  if (encoding !== undefined && encoding !== 'base64') {
    throw new Unusable(`response.content.encoding ${shown(encoding)} is not base64`);
  }
  if (encoding === 'base64' && text !== undefined && !base64.test(text.replace(/\s+/g, ''))) {
    throw new Unusable('response.content.text is not base64, though its encoding says so');
  }
  const postData = request.postData;
  if (postData !== undefined && !isRecord(postData)) throw new Unusable('request.postData is not an object');
  const postText = optionalString(postData?.text, 'request.postData.text');
  const comment = optionalString(content.comment, 'response.content.comment');
  const started = optionalString(entry.startedDateTime, 'startedDateTime') ?? new Date(0).toISOString();
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) ? entry.time : 0;
  const timings = isRecord(entry.timings) ? entry.timings : {};
  const failure = entry._failure;
  if (
    failure !== undefined &&
    (!isRecord(failure) || typeof failure.message !== 'string' || typeof failure.kind !== 'string')
  ) {
    throw new Unusable('_failure is not { kind, message } text');
  }
  const clientUrl = optionalString(entry._clientUrl, '_clientUrl');
  const statusText = optionalString(response.statusText, 'response.statusText') ?? '';
  const mimeType = optionalString(content.mimeType, 'response.content.mimeType') ?? '';
  return {
    startedDateTime: started,
    time,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: optionalString(request.httpVersion, 'request.httpVersion') ?? 'HTTP/1.1',
      cookies: [],
      headers: checkHeaders(request.headers, 'request', dropped),
      queryString: [],
      ...(postText !== undefined
        ? {
            postData: {
              mimeType: optionalString(postData?.mimeType, 'request.postData.mimeType') ?? '',
              text: postText,
            },
          }
        : {}),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText: fieldValue.test(statusText) ? statusText : '',
      httpVersion: optionalString(response.httpVersion, 'response.httpVersion') ?? 'HTTP/1.1',
      cookies: [],
      headers: checkHeaders(response.headers, 'response', dropped),
      content: {
        size: typeof content.size === 'number' ? content.size : -1,
        mimeType,
        ...(text !== undefined ? { text } : {}),
        ...(encoding !== undefined ? { encoding } : {}),
        ...(comment !== undefined ? { comment } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: {
      send: typeof timings.send === 'number' ? timings.send : 0,
      wait: typeof timings.wait === 'number' ? timings.wait : 0,
      receive: typeof timings.receive === 'number' ? timings.receive : 0,
    },
    ...(failure !== undefined ? { _failure: { kind: failure.kind, message: failure.message } } : {}),
    ...(clientUrl !== undefined ? { _clientUrl: clientUrl } : {}),
  } as Entry;
}

/**
 * Checks a parsed HAR document entry by entry: a usable copy with warnings for the headers left
 * out, or the first entry that cannot be used and why.
 */
export function checkHar(value: unknown): HarCheck {
  const log = isRecord(value) ? value.log : undefined;
  if (!isRecord(log) || !Array.isArray(log.entries)) {
    return { ok: false, message: 'it has no log.entries array (is it a HAR file?)' };
  }
  const entries: Entry[] = [];
  const warnings: string[] = [];
  for (const [index, entry] of log.entries.entries()) {
    const dropped: string[] = [];
    try {
      entries.push(checkEntry(entry, dropped));
    } catch (error) {
      if (!(error instanceof Unusable)) throw error;
      return { ok: false, message: `entry ${index}: ${error.message}` };
    }
    for (const what of dropped) warnings.push(`entry ${index}: ${what} left out`);
  }
  const creator = isRecord(log.creator) ? log.creator : {};
  return {
    ok: true,
    har: {
      log: {
        version: typeof log.version === 'string' ? log.version : '1.2',
        creator: {
          name: typeof creator.name === 'string' ? creator.name : 'unknown',
          version: typeof creator.version === 'string' ? creator.version : '',
        },
        entries,
      },
    },
    warnings,
  };
}
