import { getResponse, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { createMockControl } from '../core/control.ts';
import { createMockClock } from '../core/mock-clock.ts';
import { createHandlers, handlers } from './handlers.ts';

const loginResponses = openapiDocument.paths['/v1/api/auth/login'].post.responses;
const refreshResponses = openapiDocument.paths['/v1/api/auth/refresh'].post.responses;
const documentedLogin = loginResponses['200'].content['application/json'].examples.documented.value;
// Any origin works with the default handlers: the docs' host, or whatever the app calls.
const API = 'https://example.com/v1/api/auth';
const JSON_HEADERS = { 'content-type': 'application/json' };
const CREDENTIALS = JSON.stringify({ user: 'u', password: 'p' });

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function post(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { method: 'POST', ...init });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('msw handlers (setupServer)', () => {
  it('answer a valid login with the documented example', async () => {
    for (const origin of ['https://example.com', 'http://localhost:5173', 'http://127.0.0.1:4010']) {
      const res = await post(`${origin}/v1/api/auth/login`, { headers: JSON_HEADERS, body: CREDENTIALS });
      expect(res).toEqual({ status: 200, type: 'application/json', body: documentedLogin });
    }
  });

  it('answer invalid requests with 400 naming the field', async () => {
    const res = await post(`${API}/login`, { headers: JSON_HEADERS, body: '{"password":"p"}' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, desc: "Invalid request: 'user' is required" });
  });

  it('answer unknown routes under the API with 404 and wrong methods with 405', async () => {
    // A path the spec does not document, whatever endpoints the docs gain.
    expect(Object.keys(openapiDocument.paths)).not.toContain('/v1/api/auth/no-such-operation');
    expect((await post(`${API}/no-such-operation`)).status).toBe(404);
    const wrongMethod = await fetch(`${API}/login`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('follow the Prefer protocol', async () => {
    const res = await post(`${API}/refresh`, { headers: { prefer: 'code=401, example=expired-token' } });
    expect(res).toEqual({
      status: 401,
      type: 'application/json',
      body: refreshResponses['401'].content['application/json'].examples['expired-token'].value,
    });
  });

  it('delay an answer (Prefer: delay) and fail at the network level (Prefer: network-error)', async () => {
    const started = performance.now();
    expect((await post(`${API}/refresh`, { headers: { prefer: 'delay=200' } })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await expect(fetch(`${API}/refresh`, { method: 'POST', headers: { prefer: 'network-error' } })).rejects.toThrow(
      TypeError,
    );
  });

  it('take a scenario fixed in code, without headers', async () => {
    server.use(...createHandlers({ scenario: { example: 'wrong-credentials' } }));
    const res = await post(`${API}/login`, { headers: JSON_HEADERS, body: CREDENTIALS });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(loginResponses['401'].content['application/json'].examples['wrong-credentials'].value);
    // refresh defines no such example and keeps its normal answer
    expect((await post(`${API}/refresh`)).status).toBe(200);
  });

  it('take a per-operation network error fixed in code', async () => {
    server.use(...createHandlers({ scenarios: { login: { networkError: true } } }));
    await expect(fetch(`${API}/login`, { method: 'POST', headers: JSON_HEADERS, body: CREDENTIALS })).rejects.toThrow(
      TypeError,
    );
  });

  it('spread into a consumer list: their own handlers keep working and can override ours', async () => {
    server.resetHandlers(
      http.get('https://example.com/api/profile', () => HttpResponse.json({ name: 'Alice' })),
      ...handlers,
    );
    expect(await (await fetch('https://example.com/api/profile')).json()).toEqual({ name: 'Alice' });
    server.use(http.post('*/v1/api/auth/login', () => HttpResponse.json({ overridden: true })));
    expect((await post(`${API}/login`)).body).toEqual({ overridden: true });
  });

  it('can be bound to one base URL with a base path', async () => {
    const bound = createHandlers({ baseUrl: 'https://api.test/auth-service/' });
    server.resetHandlers(...bound);
    const res = await post('https://api.test/auth-service/v1/api/auth/login', {
      headers: JSON_HEADERS,
      body: CREDENTIALS,
    });
    expect(res.body).toEqual(documentedLogin);
    // Other origins are left to the consumer's other handlers.
    expect(await getResponse(bound, new Request(`${API}/login`, { method: 'POST' }))).toBeUndefined();
  });

  it('take lifetimes, users and a movable clock for the stateful mode', async () => {
    const clock = createMockClock();
    server.use(
      ...createHandlers({
        stateful: { accessTtl: 60, refreshTtl: 120, users: [{ user: 'carol', password: 's3cret' }], clock },
      }),
    );
    const refused = await post(`${API}/login`, {
      headers: JSON_HEADERS,
      body: '{"user":"alice","password":"wonderland"}',
    });
    expect(refused.status).toBe(401);
    const res = await post(`${API}/login`, { headers: JSON_HEADERS, body: '{"user":"carol","password":"s3cret"}' });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ access_token_expires_in: 60, refresh_token_expires_in: 120 });
    const refresh = () =>
      post(`${API}/refresh`, {
        headers: JSON_HEADERS,
        body: JSON.stringify({ refresh_token: res.body.result.refresh_token }),
      });
    expect((await refresh()).status).toBe(200);
    clock.advance(121_000);
    expect(await refresh()).toMatchObject({ status: 401, body: { desc: 'Refresh token expired' } });
  });

  it('take a server-wide Prefer, switched at run time through the control endpoints', async () => {
    const control = createMockControl();
    server.use(...createHandlers({ prefer: 'code=503', control }));
    const down = await fetch(`${API}/login`, { method: 'POST', headers: JSON_HEADERS, body: CREDENTIALS });
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '30']);
    const own = await fetch(`${API}/login`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, prefer: 'code=429' },
      body: CREDENTIALS,
    });
    expect([own.status, own.headers.get('retry-after')]).toEqual([429, '30']);
    const switched = await fetch('https://example.com/__mock/prefer', {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: '{"prefer":"code=500"}',
    });
    expect(await switched.json()).toEqual({ prefer: 'code=500' });
    expect((await post(`${API}/refresh`)).status).toBe(500);
    control.setPrefer(undefined);
    expect((await post(`${API}/refresh`)).status).toBe(200);
  });

  it('log requests as msw does, without bodies: no password or token reaches the console', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'groupCollapsed', 'group', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      }),
    );
    try {
      // msw calls each handler's log after answering, unless started with quiet: true.
      const [handler] = createHandlers({ stateful: true });
      const request = new Request(`${API}/login`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, prefer: 'code=200' },
        body: '{"user":"alice","password":"wonderland"}',
      });
      const response = HttpResponse.json(documentedLogin, { status: 200, statusText: 'OK' });
      await handler?.log({ request, response });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.join('\n')).toMatch(
      /^\[MSW\] [\d:]+ POST https:\/\/example\.com\/v1\/api\/auth\/login \(200 OK\) prefer: code=200$/,
    );
    expect(lines.join('\n')).not.toMatch(/wonderland|eyJ|access_token/);
  });
});
