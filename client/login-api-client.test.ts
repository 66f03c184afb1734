import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { createLoginApiClient } from './login-api-client.ts';

// A throwaway HTTP server whose next answer each test sets; it records what it received.
type Answer = { status: number; body: string; delayMs?: number };
let answer: Answer;
let received: { method?: string; url?: string; prefer?: string; body: string }[] = [];
let server: Server;
let baseUrl: string;

function json(status: number, body: unknown): Answer {
  return { status, body: JSON.stringify(body) };
}

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, url: req.url, prefer: req.headers.prefer as string | undefined, body });
    const { status, body: out, delayMs } = answer;
    const timer = setTimeout(
      () => res.writeHead(status, { 'content-type': 'application/json' }).end(out),
      delayMs ?? 0,
    );
    res.on('close', () => clearTimeout(timer));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  received = [];
});

const login200 = openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples;
const login401 = openapiDocument.paths['/v1/api/auth/login'].post.responses['401'].content['application/json'].examples;
const refresh200 =
  openapiDocument.paths['/v1/api/auth/refresh'].post.responses['200'].content['application/json'].examples;

describe('createLoginApiClient', () => {
  it('logs in and returns the typed answer', async () => {
    answer = json(200, login200.documented.value);
    const api = createLoginApiClient({ baseUrl: `${baseUrl}/` });
    const result = await api.login({ user: 'alice', password: 'wonderland' });
    expect(result.ok && result.data).toEqual(login200.documented.value);
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/v1/api/auth/login',
        prefer: undefined,
        body: '{"user":"alice","password":"wonderland"}',
      },
    ]);
  });

  it('sends the client-wide scenario, and a per-call one instead of it', async () => {
    answer = json(200, refresh200.documented.value);
    let current = { example: 'documented', delay: 5 };
    const api = createLoginApiClient({ baseUrl, prefer: () => current });
    await api.refreshToken({ refresh_token: 'x' });
    current = { example: 'invalid-token', delay: 0 };
    await api.refreshToken({ refresh_token: 'x' });
    await api.refreshToken({}, { prefer: { code: 400 } });
    expect(received.map((r) => r.prefer)).toEqual([
      'example=documented, delay=5',
      'example=invalid-token, delay=0',
      'code=400',
    ]);
  });

  it('reports an HTTP error with the envelope it carries', async () => {
    answer = json(401, login401['wrong-credentials'].value);
    const result = await createLoginApiClient({ baseUrl }).login({ user: 'alice', password: 'nope' });
    expect(result).toMatchObject({
      ok: false,
      kind: 'http-error',
      status: 401,
      ...login401['wrong-credentials'].value,
    });
  });

  it('reports an HTTP error without a JSON body', async () => {
    answer = { status: 502, body: 'Bad Gateway' };
    const result = await createLoginApiClient({ baseUrl }).login({ user: 'a', password: 'b' });
    expect(result).toMatchObject({ ok: false, kind: 'http-error', status: 502, error: 'Bad Gateway' });
    expect(result.ok === false && 'code' in result).toBe(false);
  });

  it('treats a 200 with a non-zero code as an error, at either depth', async () => {
    answer = json(200, { code: 1001, desc: 'Locked' });
    expect(await createLoginApiClient({ baseUrl }).login({ user: 'a', password: 'b' })).toMatchObject({
      ok: false,
      kind: 'api-error',
      status: 200,
      code: 1001,
      desc: 'Locked',
    });
    answer = json(200, { result: { code: 7, desc: 'Token revoked' } });
    expect(await createLoginApiClient({ baseUrl }).refreshToken({ refresh_token: 'x' })).toMatchObject({
      kind: 'api-error',
      code: 7,
      desc: 'Token revoked',
    });
  });

  it('reports a 200 that is not JSON', async () => {
    answer = { status: 200, body: '<html>' };
    expect(await createLoginApiClient({ baseUrl }).login({ user: 'a', password: 'b' })).toMatchObject({
      ok: false,
      kind: 'bad-response',
    });
  });

  it('gives up after the timeout', async () => {
    answer = { ...json(200, login200.documented.value), delayMs: 2_000 };
    const started = Date.now();
    const result = await createLoginApiClient({ baseUrl, timeoutMs: 150 }).login({ user: 'a', password: 'b' });
    expect(result).toMatchObject({ ok: false, kind: 'timeout', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('tells a cancelled call from a timeout', async () => {
    answer = { ...json(200, login200.documented.value), delayMs: 2_000 };
    const controller = new AbortController();
    const pending = createLoginApiClient({ baseUrl }).login(
      { user: 'a', password: 'b' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, kind: 'aborted' });
  });

  it('reports a network error when nothing listens', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const result = await createLoginApiClient({ baseUrl: `http://127.0.0.1:${port}` }).login({
      user: 'a',
      password: 'b',
    });
    expect(result).toMatchObject({ ok: false, kind: 'network-error' });
  });

  it('accepts an injected fetch', async () => {
    const seen: string[] = [];
    const api = createLoginApiClient({
      baseUrl: 'https://example.com',
      fetch: async (request) => {
        seen.push(`${request.method} ${request.url} ${request.headers.get('prefer')}`);
        return Response.json(login200.documented.value);
      },
      prefer: { example: 'documented' },
    });
    const result = await api.login({ user: 'a', password: 'b' });
    expect(result.ok && result.data.redirect).toBe(login200.documented.value.redirect);
    expect(seen).toEqual(['POST https://example.com/v1/api/auth/login example=documented']);
  });

  it('uses the global fetch of the moment of each call, as msw installs it after the client exists', async () => {
    const api = createLoginApiClient({ baseUrl: 'https://example.com' });
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return Response.json(login200.documented.value);
    };
    try {
      const result = await api.login({ user: 'a', password: 'b' });
      expect(result.ok && result.data).toEqual(login200.documented.value);
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual(['https://example.com/v1/api/auth/login']);
    answer = json(200, login200.documented.value);
    const direct = createLoginApiClient({ baseUrl });
    expect((await direct.login({ user: 'a', password: 'b' })).ok).toBe(true);
  });

  it('outside a browser, says what base URL to pass instead of failing on `location`', () => {
    expect('location' in globalThis).toBe(false);
    expect(() => createLoginApiClient()).toThrow(
      /no baseUrl, and no page to take one from \(this is not a browser\): pass the API's URL, e.g. \{ baseUrl: 'http:\/\/127\.0\.0\.1:4010' \}/,
    );
    expect(() => createLoginApiClient({ baseUrl: '/api' })).toThrow(/absolute URL outside a browser/);
  });

  it('in a page, defaults to its origin and reads a path against its address', async () => {
    vi.stubGlobal('location', new URL('https://app.example.test/app/login?next=1'));
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.url);
      return Response.json(login200.documented.value);
    };
    try {
      await createLoginApiClient({ fetch }).login({ user: 'a', password: 'b' });
      await createLoginApiClient({ baseUrl: '/auth-service/', fetch }).login({ user: 'a', password: 'b' });
      await createLoginApiClient({ baseUrl: 'api', fetch }).login({ user: 'a', password: 'b' });
      expect(() => createLoginApiClient({ baseUrl: 'http://[nope' })).toThrow(/absolute URL or a path/);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen).toEqual([
      'https://app.example.test/v1/api/auth/login',
      'https://app.example.test/auth-service/v1/api/auth/login',
      'https://app.example.test/app/api/v1/api/auth/login',
    ]);
  });

  it('sends a network error as the mocks read it', async () => {
    answer = json(200, login200.documented.value);
    await createLoginApiClient({ baseUrl, prefer: { networkError: true } }).login({ user: 'a', password: 'b' });
    expect(received.map((r) => r.prefer)).toEqual(['network-error']);
  });
});
