// An incremental reader of HTTP/1.x messages on one direction of a connection (RFC 9112): it finds
// each message's head, then frames its body by Content-Length, chunked coding or connection close,
// handing on the bytes exactly as they came. Pure: no sockets, so the proxy forwards wire bytes
// unchanged while the judge gets each head and de-chunked body.

export interface MessageHead {
  /** The request line or status line. */
  startLine: string;
  /** Header fields in order, names as sent. */
  headers: [string, string][];
  /** The head's bytes as they came, the closing empty line included. */
  raw: Buffer;
}

/** How a message's body ends (RFC 9112 §6.3). */
export type Framing =
  | { kind: 'none' }
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  /** Up to the end of the connection (a response with neither length nor chunking). */
  | { kind: 'close' }
  /** The connection turns into a raw byte tunnel (101 Switching Protocols). */
  | { kind: 'tunnel' };

export interface ReaderEvents {
  /** A complete head; returns how its body is framed, or an error message to stop reading. */
  head(head: MessageHead): Framing | string;
  /** Bytes to pass on as they are: a head (after `head` accepted it) or body bytes on the wire. */
  wire(bytes: Buffer, part: 'head' | 'body'): void;
  /** The body's content (chunk framing removed). */
  data(bytes: Buffer): void;
  /** The message is complete. */
  end(): void;
  /** The bytes are not HTTP/1.x; nothing further is read. */
  error(message: string): void;
}

export const limits = { headBytes: 64 * 1024, lineBytes: 8 * 1024 };

const CRLF2 = Buffer.from('\r\n\r\n');
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A head's lines as a start line and header fields, or why it is not one. */
export function parseHead(raw: Buffer): MessageHead | string {
  const text = raw.toString('latin1', 0, raw.length - 4);
  let end = text.indexOf('\r\n');
  if (end === -1) end = text.length;
  const startLine = text.slice(0, end);
  const headers: [string, string][] = [];
  while (end < text.length) {
    const from = end + 2;
    end = text.indexOf('\r\n', from);
    if (end === -1) end = text.length;
    const colon = text.indexOf(':', from);
    const name = colon > from && colon < end ? text.slice(from, colon) : '';
    if (!token.test(name)) return `malformed header line ${JSON.stringify(text.slice(from, Math.min(end, from + 80)))}`;
    headers.push([name, text.slice(colon + 1, end).trim()]);
  }
  return { startLine, headers, raw };
}

/** The values of one header field, case-insensitively, in order. */
export function headerValues(headers: [string, string][], name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of headers) if (n.length === name.length && n.toLowerCase() === name) out.push(v);
  return out;
}

/**
 * The body's framing from the headers: chunked when it is the final transfer coding, else a valid
 * Content-Length, else `otherwise`. Undefined when the length is unusable (conflicting or malformed).
 */
export function bodyFraming(headers: [string, string][], otherwise: Framing): Framing | undefined {
  // One pass for the common case (at most one Content-Length, no Transfer-Encoding); anything
  // else goes the general way below.
  let length: string | undefined;
  let simple = true;
  for (const [name, value] of headers) {
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') simple = false;
    else if (name.length === 14 && name.toLowerCase() === 'content-length') {
      if (length !== undefined) simple = false;
      length = value;
    }
  }
  if (simple && length === undefined) return otherwise;
  if (simple && /^\d{1,15}$/.test(length ?? '')) return byLength(Number(length));
  const codings = headerValues(headers, 'transfer-encoding')
    .flatMap((v) => v.split(','))
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  if (codings.length > 0) return codings.at(-1) === 'chunked' ? { kind: 'chunked' } : undefined;
  const lengths = new Set(
    headerValues(headers, 'content-length')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim()),
  );
  if (lengths.size === 0) return otherwise;
  const [only] = [...lengths];
  if (lengths.size > 1 || !/^\d{1,15}$/.test(only ?? '')) return undefined;
  return byLength(Number(only));
}

/** Whether a field value holds what none may (RFC 9110 §5.5): CR, LF, NUL or another control but tab. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/**
 * Why a request's framing is ambiguous, or undefined when it is not (RFC 9112 §6.1, §6.3): a
 * proxy that passes on a request whose body two parties could delimit differently lets a client
 * smuggle a second request past it. Refused: Transfer-Encoding with Content-Length, a transfer
 * coding other than a single final `chunked`, more than one Content-Length (even `2, 2`) or one
 * that is not a number, and a field value holding CR, LF, NUL or another control character.
 */
export function requestFramingProblem(headers: [string, string][]): string | undefined {
  for (const [name, value] of headers) {
    if (hasControl(value)) {
      const what = value.includes('\n')
        ? 'LF'
        : value.includes('\r')
          ? 'CR'
          : value.includes('\0')
            ? 'NUL'
            : 'a control character';
      return `a header ${name} whose value holds ${what}`;
    }
  }
  const lengths = headerValues(headers, 'content-length');
  const codings = headerValues(headers, 'transfer-encoding');
  if (codings.length > 0 && lengths.length > 0) return 'both Transfer-Encoding and Content-Length';
  if (codings.length > 0) {
    const list = codings.flatMap((v) => v.split(',')).map((c) => c.trim().toLowerCase());
    if (list.length !== 1 || list[0] !== 'chunked')
      return `Transfer-Encoding "${codings.join(', ')}" (only chunked is accepted)`;
  }
  if (lengths.length > 1 || (lengths.length === 1 && !/^\d{1,15}$/.test(lengths[0] as string))) {
    return `Content-Length "${lengths.join(', ')}" (exactly one number is accepted)`;
  }
  return undefined;
}

const byLength = (n: number): Framing => (n === 0 ? { kind: 'none' } : { kind: 'length', length: n });

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'close' | 'tunnel' | 'failed';

export interface MessageReader {
  push(chunk: Buffer): void;
  /** The connection ended: completes a close-delimited body; says whether a message was cut short. */
  close(): { cut: boolean };
  /** Between messages, with nothing of the next one read yet. */
  readonly idle: boolean;
}

export function createReader(events: ReaderEvents): MessageReader {
  let state: State = 'head';
  let pending: Buffer | undefined; // a head or a chunk line not yet complete
  let remaining = 0;

  const fail = (message: string) => {
    state = 'failed';
    pending = undefined;
    events.error(message);
  };

  const complete = () => {
    state = 'head';
    events.end();
  };

  /** Bytes up to and including the next CRLF, when the line is complete. */
  function line(chunk: Buffer, at: number): { text: string; next: number } | undefined {
    const cr = chunk.indexOf('\r\n', at, 'latin1');
    if (cr === -1) {
      pending = chunk.subarray(at);
      if (pending.length > limits.lineBytes) fail('a chunk-size or trailer line is too long');
      return undefined;
    }
    return { text: chunk.toString('latin1', at, cr), next: cr + 2 };
  }

  function readHead(chunk: Buffer, at: number): number {
    let start = at;
    // An empty line before a message is allowed and ignored (RFC 9112 §2.2).
    while (start + 1 < chunk.length && chunk[start] === 13 && chunk[start + 1] === 10) start += 2;
    const end = chunk.indexOf(CRLF2, start);
    if (end === -1) {
      pending = chunk.subarray(start);
      if (pending.length > limits.headBytes) fail(`the head is over ${limits.headBytes} bytes`);
      return chunk.length;
    }
    const raw = chunk.subarray(start, end + 4);
    const head = parseHead(raw);
    if (typeof head === 'string') {
      fail(head);
      return chunk.length;
    }
    const framing = events.head(head);
    if (typeof framing === 'string') {
      fail(framing);
      return chunk.length;
    }
    events.wire(raw, 'head');
    if (framing.kind === 'none') complete();
    else if (framing.kind === 'length') {
      state = 'length';
      remaining = framing.length;
    } else if (framing.kind === 'chunked') state = 'chunk-size';
    else if (framing.kind === 'tunnel') {
      events.end();
      state = 'tunnel';
    } else state = 'close';
    return end + 4;
  }

  /** Passes on up to `remaining` body bytes (a Content-Length body or one chunk's data). */
  function counted(chunk: Buffer, at: number): number {
    const take = Math.min(remaining, chunk.length - at);
    const part = chunk.subarray(at, at + take);
    events.wire(part, 'body');
    events.data(part);
    remaining -= take;
    return at + take;
  }

  function step(chunk: Buffer, at: number): number {
    switch (state) {
      case 'head':
        return readHead(chunk, at);
      case 'length': {
        const next = counted(chunk, at);
        if (remaining === 0) complete();
        return next;
      }
      case 'chunk-size': {
        const found = line(chunk, at);
        if (!found) return chunk.length;
        const size = /^([0-9A-Fa-f]{1,12})[ \t]*(;.*)?$/.exec(found.text);
        if (!size) {
          fail(`malformed chunk size ${JSON.stringify(found.text.slice(0, 40))}`);
          return chunk.length;
        }
        events.wire(chunk.subarray(at, found.next), 'body');
        remaining = Number.parseInt(size[1] as string, 16);
        state = remaining === 0 ? 'trailer' : 'chunk-data';
        return found.next;
      }
      case 'chunk-data': {
        const next = counted(chunk, at);
        if (remaining === 0) state = 'chunk-end';
        return next;
      }
      case 'chunk-end':
      case 'trailer': {
        const found = line(chunk, at);
        if (!found) return chunk.length;
        events.wire(chunk.subarray(at, found.next), 'body');
        if (state === 'chunk-end') {
          if (found.text !== '') fail('a chunk is longer than its size says');
          else state = 'chunk-size';
        } else if (found.text === '') complete();
        return found.next;
      }
      case 'close':
      case 'tunnel': {
        const part = chunk.subarray(at);
        events.wire(part, 'body');
        if (state === 'close') events.data(part);
        return chunk.length;
      }
      case 'failed':
        return chunk.length;
    }
  }

  return {
    push(input) {
      let chunk = input;
      if (pending) {
        chunk = Buffer.concat([pending, input]);
        pending = undefined;
      }
      let at = 0;
      while (at < chunk.length && state !== 'failed') at = step(chunk, at);
    },
    close() {
      if (state === 'close') {
        complete();
        return { cut: false };
      }
      return { cut: state !== 'head' && state !== 'tunnel' && state !== 'failed' ? true : pending !== undefined };
    },
    get idle() {
      return state === 'head' && pending === undefined;
    },
  };
}
