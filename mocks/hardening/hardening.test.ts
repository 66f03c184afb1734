/**
 * Bad input never takes the mock server down. Every loop here is bounded in count and time; the
 * server runs as a child process (as users run it), so crashes and memory are its own.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../scripts/server-process.ts';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { retainedHeapBytes } from './inspector.ts';
import { malformedRequest } from './malformed-requests.ts';
import { seededRandom } from './random.ts';
import { rawExchange } from './raw-exchange.ts';

const cli = join(import.meta.dirname, '..', 'cli.ts');
const LOGIN = '/v1/api/auth/login';
const documented =
  openapiDocument.paths[LOGIN].post.responses['200'].content['application/json'].examples.documented.value;

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1]) * 1024;
}

async function login(url: string, body = { user: 'alice', password: 'wonderland' }) {
  const response = await fetch(url + LOGIN, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs `count` requests, `concurrency` at a time, and tallies the answers by kind. */
async function fuzz(port: number, seed: number, count: number, concurrency: number) {
  const random = seededRandom(seed);
  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];
  let noAnswer = 0;
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      // Made when sent, in the seed's order, so only the requests in flight are held in memory.
      const request = malformedRequest(random);
      const answer = await rawExchange(port, request.bytes);
      if (answer.status === undefined) noAnswer++;
      else statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if ((answer.status ?? 0) >= 500) serverErrors.push(`${request.kind} → ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { statuses, serverErrors, noAnswer };
}

describe.each([
  { mode: 'example', args: [] as string[], count: 10_000 },
  { mode: 'stateful', args: ['--stateful'], count: 3_000 },
])('mock server ($mode mode) under malformed input', ({ args, count }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(['--inspect=127.0.0.1:0', cli, '--port', '0', '--quiet', ...args]);
  });
  afterAll(() => server?.stop());

  it(`answers ${count} malformed requests with no 5xx, no crash, bounded memory`, { timeout: 120_000 }, async () => {
    const port = Number(new URL(server.url).port);
    const pid = server.child.pid as number;
    // Warm up with the same mix first: the heap grows once to its working size, which is not a leak.
    await fuzz(port, 1, 2_000, 32);
    const before = { rss: rssBytes(pid), retained: await retainedHeapBytes(server.stderr()) };
    const seed = 20_261_127;
    const result = await fuzz(port, seed, count, 32);
    const rssGrowth = rssBytes(pid) - before.rss;
    const growth = (await retainedHeapBytes(server.stderr())) - before.retained;
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `fuzz seed ${seed}: ${count} requests, statuses ${JSON.stringify(Object.fromEntries(result.statuses))}, ` +
        `${result.noAnswer} dropped without an answer; retained heap growth after a full GC ${mb(growth)}, ` +
        `RSS growth ${mb(rssGrowth)}`,
    );

    expect(result.serverErrors, `seed ${seed}`).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect([...result.statuses.values()].reduce((a, b) => a + b, 0) + result.noAnswer).toBe(count);
    // Every well-framed request gets an HTTP answer; only raw garbage may be dropped unanswered.
    expect(result.noAnswer).toBeLessThan(count * 0.2);
    // Retained memory after a forced full GC: RSS alone also counts garbage V8 has not collected yet.
    expect(growth, `retained heap grew ${mb(growth)}`).toBeLessThan(50 * 1024 * 1024);
    expect(await login(server.url)).toEqual({ status: 200, body: expect.objectContaining({ code: 0 }) });
  });
});

describe('mock server under load and slow clients', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer([cli, '--port', '0', '--quiet']);
  });
  afterAll(() => server?.stop());

  // A count, not a duration: the same load costs the same on a quiet machine and a busy one.
  it('serves 10,000 requests over 100 concurrent connections with no error', { timeout: 60_000 }, async () => {
    const amount = 10_000;
    const result = await autocannon({
      url: server.url + LOGIN,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'u', password: 'p' }),
      connections: 100,
      amount,
      timeout: 5,
    });
    expect(result.requests.total).toBe(amount);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
  });

  it('keeps serving others while requests that never finish hold connections', { timeout: 30_000 }, async () => {
    const port = Number(new URL(server.url).port);
    const stalled: Socket[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const socket = connect({ host: '127.0.0.1', port });
        socket.on('error', () => {});
        // Half a request: headers never end, then a body that never comes.
        socket.write(
          i % 2
            ? `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nX-Slow: `
            : `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{`,
        );
        stalled.push(socket);
      }
      const t0 = performance.now();
      expect(await login(server.url, { user: 'u', password: 'p' })).toEqual({ status: 200, body: documented });
      expect(performance.now() - t0).toBeLessThan(2_000);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  });
});

describe('stateful mode refuses forged refresh tokens', () => {
  const secret = 'hardening-test-secret';
  const REFRESH = '/v1/api/auth/refresh';
  let server: RunningServer;
  let genuine: string;
  beforeAll(async () => {
    server = await startServer([cli, '--port', '0', '--quiet', '--stateful'], { env: { MOCK_JWT_SECRET: secret } });
    genuine = (await login(server.url)).body.result.refresh_token;
  });
  afterAll(() => server?.stop());

  const key = (s: string) => new TextEncoder().encode(s);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);

  async function refresh(token: string) {
    const response = await fetch(server.url + REFRESH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
      signal: AbortSignal.timeout(5_000),
    });
    return { status: response.status, body: await response.json() };
  }

  it('accepts the genuine token (the control case)', async () => {
    const documented =
      openapiDocument.paths[REFRESH].post.responses['200'].content['application/json'].examples.documented.value;
    expect(await refresh(genuine)).toEqual({ status: 200, body: documented });
  });

  const forgeries: [string, () => Promise<string>][] = [
    ['alg none', async () => `${b64({ typ: 'JWT', alg: 'none' })}.${genuine.split('.')[1]}.`],
    [
      'signed with another key',
      async () =>
        new SignJWT(decodeJwt(genuine)).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(key('not-the-secret')),
    ],
    [
      'tampered claims, original signature',
      async () => {
        const [header, , signature] = genuine.split('.');
        return `${header}.${b64({ ...decodeJwt(genuine), sub: 'bob', exp: now() + 10 ** 6 })}.${signature}`;
      },
    ],
    [
      'expired, signed with the right key',
      async () =>
        new SignJWT({ ...decodeJwt(genuine), iat: now() - 20_000, exp: now() - 10 })
          .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
          .sign(key(secret)),
    ],
    ['access token, signed with the right key', async () => (await login(server.url)).body.result.access_token],
  ];

  it.each(forgeries)('refuses a token %s with 401 and no success', async (_name, forge) => {
    const answer = await refresh(await forge());
    expect(answer.status).toBe(401);
    expect(answer.body.code).not.toBe(0);
    expect(JSON.stringify(answer.body)).not.toMatch(/token":|"result"/);
  });
});
