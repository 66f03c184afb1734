import { getResponse, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../../spec/generated/openapi.ts';
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
});
