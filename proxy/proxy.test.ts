// The proxy with real traffic on 127.0.0.1: the contract suite's own requests through it to a
// correct and a broken server, a hanging and a resetting target, 1 MB bodies, gzip, 100 at once.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { findVariant, handlerFor, type Variant } from '../contract-tests/fixtures/servers/catalogue.ts';
import { type Running, serve } from '../contract-tests/fixtures/servers/reference.ts';
import { judgeHar } from '../contract-tests/har-verdicts.ts';
import { runContract } from '../contract-tests/runner.ts';
import {
  codeAsString,
  harErrors,
  type ProxyUnderTest,
  password,
  proxyTo,
  raw,
  reference,
  serveHandler,
  serveVariant,
  user,
} from './fixtures.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setUp(target: Running, options: Parameters<typeof proxyTo>[1] = {}): Promise<ProxyUnderTest> {
  cleanup.push(target.close);
  const under = await proxyTo(target.url, options);
  cleanup.push(under.close);
  return under;
}

/** Writes `request` on a fresh connection and reads everything until the proxy ends it. */
function exchangeRaw(port: number, request: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.write(request);
  });
}

/** The whole contract suite's traffic, sent through the proxy. */
async function suiteThrough(under: ProxyUnderTest): Promise<number> {
  const outcome = await runContract({
    baseUrl: under.proxy.url,
    user,
    password,
    fetch: globalThis.fetch,
    timeoutMs: 2000,
  });
  if (outcome.kind !== 'report') throw new Error(outcome.message);
  await under.session.settle();
  return outcome.report.results.flatMap((r) => r.requests).length;
}

describe('through the proxy', () => {
  it('a correct server: every exchange judged, 0 violations, a valid HAR with every exchange and no password', async () => {
    const under = await setUp(await serveVariant(reference));
    const sent = await suiteThrough(under);
    const { tally } = under.session;
    expect(sent).toBeGreaterThan(25);
    expect(tally.exchanges).toBe(sent);
    expect(tally.violations).toBe(0);
    expect(under.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(under.session.report(under.proxy.url).conforms).toBe(true);

    const har = under.session.har();
    expect(harErrors(har)).toEqual([]);
    expect(har.log.entries).toHaveLength(sent);
    for (const entry of har.log.entries) {
      const { send = -1, wait = -1, receive = -1 } = entry.timings;
      expect(Math.min(send, wait, receive)).toBeGreaterThanOrEqual(0);
      expect(entry.time).toBeCloseTo(send + wait + receive, 5);
    }
    const text = JSON.stringify(har);
    expect(text).not.toContain(password);
    const tokens = text.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? [];
    expect(tokens.length).toBeGreaterThan(0);
    // same-shape placeholders: a JWT keeps header and claims, its signature is gone
    for (const token of tokens) expect(token.split('.')[2]).toMatch(/^x+$/);
    // ... and the same placeholder wherever the same token went (login answer → refresh request)
    const login = har.log.entries.find((e) => e.response.status === 200 && e.request.url.endsWith('/login'));
    const refreshToken = JSON.parse(login?.response.content.text ?? '{}').result.refresh_token;
    expect(
      har.log.entries.some(
        (e) => e.request.postData?.text?.includes(refreshToken) && e.request.url.endsWith('/refresh'),
      ),
    ).toBe(true);

    const offline = await judgeHar(JSON.stringify(har), { strict: false, timeoutMs: 2000, baseUrl: 'file:///x.har' });
    expect(offline.kind === 'report' && offline.report.conforms).toBe(true);
    expect(offline.kind === 'report' && offline.tally.violations).toBe(0);
  });

  it('a server whose login code is the string "0": violations, named, and the same offline', async () => {
    const under = await setUp(await serveVariant(codeAsString));
    await suiteThrough(under);
    expect(under.session.tally.violations).toBeGreaterThanOrEqual(1);
    const failing = under.lines.filter((l) => l.startsWith('FAIL'));
    expect(failing[0]).toMatch(/^FAIL {2}POST \/v1\/api\/auth\/login 200 {2}login-success {2}\/code must be integer/);
    const report = under.session.report(under.proxy.url);
    expect(report.results.find((r) => r.id === 'login-success')?.verdict).toBe('fail');
    expect(JSON.stringify(report)).not.toContain(password);

    const offline = await judgeHar(JSON.stringify(under.session.har()), {
      strict: false,
      timeoutMs: 2000,
      baseUrl: 'file:///x.har',
    });
    expect(offline.kind === 'report' && offline.report.conforms).toBe(false);
    expect(offline.kind === 'report' && offline.tally.violations).toBe(under.session.tally.violations);
  });

  it('a target under a path prefix: the prefix is added, and the recording judges the same offline', async () => {
    const prefixed = findVariant('path-prefix') as Variant;
    const under = await setUp(await serve(handlerFor(prefixed), { prefix: prefixed.prefix ?? '' }));
    await suiteThrough(under);
    expect(under.session.tally.violations).toBe(0);
    expect(under.session.har().log.entries[0]?.request.url).toContain(`${prefixed.prefix}/v1/api/auth/`);
    const offline = await judgeHar(JSON.stringify(under.session.har()), {
      strict: false,
      timeoutMs: 2000,
      baseUrl: 'file:///x.har',
    });
    expect(offline.kind === 'report' && offline.tally.violations).toBe(0);
    // Requests outside the contract (other methods, CORS preflights the suite sends) pass through,
    // the same online and offline.
    expect(offline.kind === 'report' && offline.tally.unknown).toBe(under.session.tally.unknown);
  });

  it('a hanging target: the client gets a 504 in bounded time and the exchange is a violation', async () => {
    const under = await setUp(await serveHandler(() => {}), { timeoutMs: 300 });
    const started = Date.now();
    const response = await fetch(`${under.proxy.url}/v1/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password }),
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(504);
    expect(await response.text()).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    await under.session.settle();
    expect(under.session.tally.violations).toBe(1);
    expect(under.lines[0]).toMatch(/^FAIL {2}POST \/v1\/api\/auth\/login timeout {2}response-time/);
    expect(harErrors(under.session.har())).toEqual([]);
  });

  it('a target that resets the connection: a 502 and a violation', async () => {
    const under = await setUp(
      await serveHandler((req) => {
        req.socket.resetAndDestroy();
      }),
    );
    const response = await fetch(`${under.proxy.url}/v1/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"refresh_token":"abc"}',
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(502);
    await under.session.settle();
    expect(under.session.tally.violations).toBe(1);
    expect(under.lines[0]).toMatch(/^FAIL {2}POST \/v1\/api\/auth\/refresh reset {2}refresh-route/);
  });

  it('a target answering garbage instead of HTTP: a 502 and a violation', async () => {
    const garbage = await serveHandler((req) => {
      req.socket.end('this is not HTTP\r\n\r\n');
    });
    const under = await setUp(garbage);
    const response = await fetch(`${under.proxy.url}/v1/api/auth/login`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(502);
    await under.session.settle();
    expect(under.session.tally.violations).toBe(1);
  });

  it('1 MB bodies each way, streamed in chunks, arrive byte for byte (an unknown path, counted as such)', async () => {
    const big = Buffer.alloc(1024 * 1024, 'a');
    big.write('start', 0);
    big.write('end', big.length - 3);
    const under = await setUp(
      await serveHandler(
        raw((_req, res, body) => {
          res.writeHead(200, { 'content-type': 'text/plain', 'x-length-seen': String(Buffer.byteLength(body)) });
          for (let i = 0; i < 16; i++) res.write(big.subarray(i * 65536, (i + 1) * 65536));
          res.end();
        }),
      ),
    );
    const response = await fetch(`${under.proxy.url}/upload`, {
      method: 'PUT',
      body: big,
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.headers.get('x-length-seen')).toBe(String(big.length));
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(Buffer.from(await response.arrayBuffer()).equals(big)).toBe(true);
    await under.session.settle();
    expect(under.session.tally.unknown).toBe(1);
    expect(under.lines[0]).toMatch(/^SKIP {2}PUT \/upload 200 {2}unknown/);
    expect(harErrors(under.session.har())).toEqual([]);
  });

  it('passes gzip through untouched and judges a decoded copy', async () => {
    const body = JSON.stringify({ code: 1, desc: 'wrong password' });
    const zipped = gzipSync(body);
    const under = await setUp(
      await serveHandler((_req, res) => {
        res.writeHead(401, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': zipped.length,
        });
        res.end(zipped);
      }),
    );
    const bytes = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(
        `${under.proxy.url}/v1/api/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ user, password: 'nope' }));
    });
    expect(bytes.encoding).toBe('gzip');
    expect(bytes.body.equals(zipped)).toBe(true);
    await under.session.settle();
    expect(under.lines[0]).toMatch(/^PASS {2}POST \/v1\/api\/auth\/login 401 {2}wrong-password-rejected/);
    const content = under.session.har().log.entries[0]?.response.content;
    expect(content?.text).toBe(body);
    expect(content?.compression).toBe(body.length - zipped.length);
  });

  it('100 concurrent exchanges, each answered and judged', async () => {
    const under = await setUp(await serveVariant(reference));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${under.proxy.url}/v1/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user, password: i % 2 ? password : 'wrong' }),
          signal: AbortSignal.timeout(10_000),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(50);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(50);
    await under.session.settle();
    expect(under.session.tally.exchanges).toBe(100);
    expect(under.session.tally.violations).toBe(0);
    expect(under.session.har().log.entries).toHaveLength(100);
  });

  it('keeps connections to the target alive across exchanges: one client connection, one to the target', async () => {
    const sockets = new Set<Socket>();
    const under = await setUp(
      await serveHandler(
        raw((req, res) => {
          sockets.add(req.socket);
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('pong');
        }),
      ),
    );
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const clientSockets = new Set<Socket>();
    try {
      for (let i = 0; i < 20; i++) {
        const text = await new Promise<string>((resolve, reject) => {
          const req = httpRequest(`${under.proxy.url}/ping`, { agent }, (res) => {
            clientSockets.add(res.socket);
            res.setEncoding('utf8');
            let body = '';
            res.on('data', (c: string) => {
              body += c;
            });
            res.on('end', () => resolve(body));
          });
          req.setTimeout(5000, () => req.destroy(new Error('no answer in 5 s')));
          req.on('error', reject);
          req.end();
        });
        expect(text).toBe('pong');
      }
    } finally {
      agent.destroy();
    }
    expect(clientSockets.size).toBe(1);
    expect(sockets.size).toBe(1);
  });
  it('passes requests on byte for byte (header case, chunked bodies, pipelining), only path and Host rewritten', async () => {
    const seen: { head: string; body: string }[] = [];
    const under = await setUp(
      await serveHandler(
        raw((req, res, body) => {
          const head = `${req.method} ${req.url} ${req.rawHeaders.join('|')}`;
          seen.push({ head, body });
          if (req.url === '/close') res.setHeader('connection', 'close');
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
          res.end(req.method === 'HEAD' ? undefined : 'ok');
        }),
      ),
    );
    const text = await exchangeRaw(
      under.proxy.port,
      'POST /first HTTP/1.1\r\nHost: client.example\r\nX-Odd-CASE: kept\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n' +
        'HEAD /second HTTP/1.1\r\nHost: client.example\r\n\r\n' +
        'GET /close HTTP/1.1\r\nHost: client.example\r\nConnection: close\r\n\r\n',
    );
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(text.match(/\r\n\r\nok/g)).toHaveLength(2); // the HEAD answer has no body
    const host = new URL(under.proxy.url).host;
    expect(seen.map((s) => s.head.split(' ').slice(0, 2).join(' '))).toEqual([
      'POST /first',
      'HEAD /second',
      'GET /close',
    ]);
    expect(seen[0]?.head).toContain('X-Odd-CASE|kept');
    expect(seen[0]?.head).toContain('Transfer-Encoding|chunked');
    expect(seen[0]?.head).not.toContain('client.example');
    expect(seen[0]?.head).not.toContain(host);
    expect(seen[0]?.body).toBe('abcd');
    await under.session.settle();
    expect(under.session.tally.exchanges).toBe(3);
  });

  it('answers a request that is not HTTP with a 400 and records nothing', async () => {
    const under = await setUp(await serveVariant(reference));
    const text = await exchangeRaw(under.proxy.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toContain('malformed request line');
    await under.session.settle();
    expect(under.session.tally.exchanges).toBe(0);
  });
  it('a target that trickles its answer: cut off at the exchange limit, recorded as a violation', async () => {
    const timers: NodeJS.Timeout[] = [];
    const under = await setUp(
      await serveHandler(
        raw((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          // a byte every 50 ms: never silent for the 2 s timeout, never done
          timers.push(setInterval(() => res.write(' '), 50));
        }),
      ),
      { exchangeLimitMs: 400 },
    );
    try {
      const started = Date.now();
      const outcome = await fetch(`${under.proxy.url}/v1/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, password }),
        signal: AbortSignal.timeout(5000),
      })
        .then((r) => r.text())
        .then(
          () => 'complete',
          (error: Error) => error.name,
        );
      expect(outcome).not.toBe('complete');
      expect(outcome).not.toBe('TimeoutError');
      expect(Date.now() - started).toBeLessThan(2000);
      await under.session.settle();
      expect(under.session.tally.violations).toBe(1);
      expect(under.lines[0]).toMatch(/^FAIL {2}POST \/v1\/api\/auth\/login timeout {2}response-time/);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });
});
