// Request framing per RFC 9112 at the proxy: a request two parties could delimit differently is
// refused with 400 before anything reaches the target, and recorded as the client's error (no
// violation); a request head dripped byte by byte is cut off at the head deadline.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../contract-tests/fixtures/servers/reference.ts';
import { type ProxyUnderTest, proxyTo, raw, serveHandler } from './fixtures.ts';

let target: Running;
let received = 0;
let under: ProxyUnderTest;
beforeAll(async () => {
  target = await serveHandler(
    raw((_req, res, body) => {
      received++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`got ${body.length} bytes`);
    }),
  );
  under = await proxyTo(target.url, { record: true });
});
afterAll(async () => {
  await under.close();
  await target.close();
});

/** Sends raw bytes to the proxy; resolves with everything it answers until it closes (or 5 s). */
function rawExchange(bytes: string | Buffer[], gapMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(under.proxy.port, '127.0.0.1');
    let answer = '';
    const done = () => resolve(answer);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => socket.destroy(), 5000).unref();
    socket.on('connect', async () => {
      const parts = typeof bytes === 'string' ? [Buffer.from(bytes, 'latin1')] : bytes;
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

const head = (lines: string[]) => `POST /v1/api/auth/login HTTP/1.1\r\nHost: x\r\n${lines.join('\r\n')}\r\n\r\n`;

const ambiguous: [string, string, RegExp][] = [
  [
    'Content-Length with Transfer-Encoding',
    `${head(['Content-Length: 4', 'Transfer-Encoding: chunked'])}0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n`,
    /both Transfer-Encoding and Content-Length/,
  ],
  ['Content-Length: 2, 2', `${head(['Content-Length: 2, 2'])}{}`, /Content-Length "2, 2"/],
  ['two Content-Length fields', `${head(['Content-Length: 2', 'Content-Length: 2'])}{}`, /Content-Length "2, 2"/],
  [
    'Transfer-Encoding: chunked, identity',
    `${head(['Transfer-Encoding: chunked, identity'])}0\r\n\r\n`,
    /only chunked/,
  ],
  ['Transfer-Encoding: gzip', `${head(['Transfer-Encoding: gzip'])}`, /only chunked/],
  ['a bare LF in a header value', `${head(['X-A: a\nContent-Length: 2'])}{}`, /X-A whose value holds LF/],
  ['a NUL in a header value', `${head(['X-A: a\0b', 'Content-Length: 2'])}{}`, /X-A whose value holds NUL/],
  ['a bare CR in a header value', `${head(['X-A: a\rb', 'Content-Length: 2'])}{}`, /X-A whose value holds CR/],
];

describe('ambiguous request framing', () => {
  it.each(ambiguous)(
    '%s: 400 from the proxy, nothing reaches the target, the client is blamed',
    async (_what, bytes, why) => {
      const before = { received, violations: under.session.tally.violations, errors: under.session.clientErrors };
      const answer = await rawExchange(bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      expect(answer).toMatch(why);
      await under.session.settle();
      expect(received).toBe(before.received);
      expect(under.session.tally.violations).toBe(before.violations);
      expect(under.session.clientErrors).toBe(before.errors + 1);
      const last = under.session.har().log.entries.at(-1) as {
        _failure?: { kind: string };
        response: { status: number };
      };
      expect(last._failure?.kind).toBe('client');
      expect(last.response.status).toBe(400);
      expect(under.lines.at(-1)).toMatch(
        /^SKIP {2}POST \/v1\/api\/auth\/login 400 {2}client-error {2}the client sent /,
      );
    },
  );

  it("a client's malformed chunk size mid-body: 400, recorded as the client's error, no violation", async () => {
    const before = { violations: under.session.tally.violations, errors: under.session.clientErrors };
    const answer = await rawExchange(`${head(['Transfer-Encoding: chunked'])}2\r\n{}\r\nzz\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(answer).toContain('malformed chunk size');
    await under.session.settle();
    expect(under.session.tally.violations).toBe(before.violations);
    expect(under.session.clientErrors).toBe(before.errors + 1);
  });

  it('a body shorter than its Content-Length, the client then waiting: 400, the client blamed, not the waiting target', async () => {
    const short = await proxyTo(target.url, { record: true, timeoutMs: 300 });
    try {
      const socket = connect(short.proxy.port, '127.0.0.1');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        socket.write(`${head(['Content-Length: 100'])}{"user":`);
        setTimeout(() => socket.destroy(), 5000).unref();
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request[\s\S]*less of its request body than it announced/);
      await short.session.settle();
      expect(short.session.tally.violations).toBe(0);
      expect(short.session.clientErrors).toBe(1);
    } finally {
      await short.close();
    }
  });

  it('well-framed requests still pass: chunked, and one Content-Length', async () => {
    const chunked = await rawExchange(
      `${head(['Transfer-Encoding: chunked', 'Connection: close'])}2\r\n{}\r\n0\r\n\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*got 2 bytes/);
    const counted = await rawExchange(`${head(['Content-Length: 2', 'Connection: close'])}{}`);
    expect(counted).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*got 2 bytes/);
  });
});

describe('the request head deadline', () => {
  it('50 clients dripping their heads are answered 408 and closed at the deadline', async () => {
    const dripping = await proxyTo(target.url, { record: false, headTimeoutMs: 400 });
    try {
      const started = performance.now();
      const text = 'POST /v1/api/auth/login HTTP/1.1\r\nHost: x\r\nX-Slow: ';
      const answers = await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<string>((resolve) => {
              const socket = connect(dripping.proxy.port, '127.0.0.1');
              let answer = '';
              let i = 0;
              const drip = setInterval(() => {
                if (!socket.destroyed) socket.write(text[i++ % text.length] as string);
              }, 50);
              socket.on('data', (chunk) => {
                answer += chunk;
              });
              socket.on('close', () => {
                clearInterval(drip);
                resolve(answer);
              });
              socket.on('error', () => {});
              setTimeout(() => socket.destroy(), 5000).unref();
            }),
        ),
      );
      expect(performance.now() - started).toBeLessThan(3000);
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    } finally {
      await dripping.close();
    }
  });
});
