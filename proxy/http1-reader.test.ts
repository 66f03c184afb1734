import { describe, expect, it } from 'vitest';
import { bodyFraming, createReader, type Framing, limits, type MessageHead } from './http1-reader.ts';

/** Feeds `input` in pieces of `step` bytes and records what the reader reports. */
function read(input: string | Buffer, step: number, frame: (head: MessageHead) => Framing | string) {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1');
  const heads: MessageHead[] = [];
  const wire: Buffer[] = [];
  const data: Buffer[] = [];
  const ends: string[] = [];
  const errors: string[] = [];
  const reader = createReader({
    head(head) {
      heads.push(head);
      return frame(head);
    },
    wire: (b) => wire.push(Buffer.from(b)),
    data: (b) => data.push(Buffer.from(b)),
    end: () => ends.push(Buffer.concat(data.splice(0)).toString('latin1')),
    error: (m) => errors.push(m),
  });
  for (let at = 0; at < bytes.length; at += step) reader.push(bytes.subarray(at, at + step));
  return { heads, wire: Buffer.concat(wire), ends, errors, reader };
}

const byHeaders = (head: MessageHead) => bodyFraming(head.headers, { kind: 'none' }) ?? 'bad framing';

const pipelined =
  'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
  'POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n' +
  'GET /c HTTP/1.1\r\nHost: x\r\n\r\n';

describe('the HTTP/1.x reader', () => {
  for (const step of [1, 2, 7, 1000]) {
    it(`frames pipelined messages (length, chunked with extension and trailer, none) fed ${step} byte(s) at a time`, () => {
      const { heads, wire, ends, errors, reader } = read(pipelined, step, byHeaders);
      expect(errors).toEqual([]);
      expect(heads.map((h) => h.startLine)).toEqual(['POST /a HTTP/1.1', 'POST /b HTTP/1.1', 'GET /c HTTP/1.1']);
      expect(ends).toEqual(['hello', 'abc0123456789', '']);
      // every byte is handed on, in order, exactly as it came
      expect(wire.toString('latin1')).toBe(pipelined);
      expect(reader.idle).toBe(true);
    });
  }

  it('keeps header names as sent and values trimmed', () => {
    const { heads } = read(
      'HTTP/1.1 200 OK\r\nX-Mixed-Case:  a b \r\nSet-Cookie: 1\r\nset-cookie: 2\r\n\r\n',
      5,
      () => ({
        kind: 'none',
      }),
    );
    expect(heads[0]?.headers).toEqual([
      ['X-Mixed-Case', 'a b'],
      ['Set-Cookie', '1'],
      ['set-cookie', '2'],
    ]);
  });

  it('reads a close-delimited body until the connection ends', () => {
    const { ends, reader } = read('HTTP/1.0 200 OK\r\n\r\nall of it', 4, () => ({ kind: 'close' }));
    expect(ends).toEqual([]);
    expect(reader.close()).toEqual({ cut: false });
  });

  it('says a message was cut short when the connection ends inside it', () => {
    const { reader } = read('POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc', 100, byHeaders);
    expect(reader.close()).toEqual({ cut: true });
    const half = read('GET /a HTTP/1.1\r\nHost', 100, byHeaders);
    expect(half.reader.close()).toEqual({ cut: true });
  });

  it('rejects what is not HTTP, and stops reading', () => {
    expect(read('GET / HTTP/1.1\r\nno colon here\r\n\r\n', 100, byHeaders).errors[0]).toMatch(/malformed header line/);
    expect(read('GET / HTTP/1.1\r\nBad Name: x\r\n\r\n', 100, byHeaders).errors[0]).toMatch(/malformed header line/);
    const chunk = read('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 100, byHeaders);
    expect(chunk.errors[0]).toMatch(/malformed chunk size "zz"/);
    const long = read('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', 100, byHeaders);
    expect(long.errors[0]).toMatch(/longer than its size/);
    const refused = read('GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n', 100, () => 'not wanted');
    expect(refused.errors).toEqual(['not wanted']);
  });

  it('bounds a head that never ends', () => {
    const endless = Buffer.from(`GET / HTTP/1.1\r\nX: ${'a'.repeat(limits.headBytes)}`);
    expect(read(endless, 4096, byHeaders).errors[0]).toMatch(/head is over/);
  });
});

describe('body framing from the headers', () => {
  const frame = (headers: [string, string][]) => bodyFraming(headers, { kind: 'close' });
  it('chunked when it is the final coding; else the length; else what the message kind implies', () => {
    expect(frame([['Transfer-Encoding', 'gzip, chunked']])).toEqual({ kind: 'chunked' });
    expect(frame([['content-length', '12']])).toEqual({ kind: 'length', length: 12 });
    expect(frame([['Content-Length', '0']])).toEqual({ kind: 'none' });
    expect(frame([['Content-Length', '7, 7']])).toEqual({ kind: 'length', length: 7 });
    expect(frame([])).toEqual({ kind: 'close' });
  });
  it('refuses lengths it cannot trust (RFC 9112 §6.3)', () => {
    expect(frame([['Transfer-Encoding', 'chunked, gzip']])).toBeUndefined();
    expect(
      frame([
        ['Content-Length', '7'],
        ['Content-Length', '8'],
      ]),
    ).toBeUndefined();
    expect(frame([['Content-Length', '-1']])).toBeUndefined();
    expect(frame([['Content-Length', '1e3']])).toBeUndefined();
  });
});
