// The control endpoints under /__mock/ against a hostile web page: no simple cross-site request
// changes the mock, no preflight is approved, no CORS header is sent, and a request addressed by
// a foreign name (DNS rebinding) is refused.
import { request as httpRequest } from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockControl, handleControl } from './core/control.ts';
import { createHandlers } from './msw/handlers.ts';
import { type MockServer, startMockServer } from './node-server.ts';

/** A raw request, so the Host header can be anything (fetch does not let a test set it). */
function send(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${options.path}`,
      { method: options.method, headers: options.headers ?? {}, timeout: 5000 },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}

describe('the control endpoints of the HTTP mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, controlHosts: ['mock.test'] });
  });
  afterAll(() => mock.close());
  const clock = () => send(mock.url, { method: 'GET', path: '/__mock/clock' }).then((r) => JSON.parse(r.body));

  it('refuse a simple cross-site request (text/plain, a form, no body) with 415, changing nothing', async () => {
    const simple: Record<string, string>[] = [
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      {},
    ];
    for (const headers of simple) {
      const answer = await send(mock.url, {
        method: 'POST',
        path: '/__mock/clock',
        headers,
        body: '{"advance_seconds":3600}',
      });
      expect(answer.status).toBe(415);
      expect(answer.body).toContain('X-Mock-Control');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await clock()).offset_seconds).toBe(0);
    const deleted = await send(mock.url, { method: 'DELETE', path: '/__mock/prefer' });
    expect(deleted.status).toBe(415);
  });

  it('approve no preflight and send no CORS headers, even to a JSON request', async () => {
    const preflight = await send(mock.url, {
      method: 'OPTIONS',
      path: '/__mock/prefer',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const put = await send(mock.url, {
      method: 'PUT',
      path: '/__mock/prefer',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"prefer":null}',
    });
    expect(put.status).toBe(200);
    expect(Object.keys(put.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    // The API's own routes keep their CORS for browser apps.
    const api = await send(mock.url, {
      method: 'POST',
      path: '/v1/api/auth/login',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: '{"user":"a","password":"b"}',
    });
    expect(api.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('answer a deliberate request: JSON, or X-Mock-Control with any body', async () => {
    const json = await send(mock.url, {
      method: 'POST',
      path: '/__mock/clock',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"advance_seconds":60}',
    });
    expect(json.status).toBe(200);
    const header = await send(mock.url, {
      method: 'DELETE',
      path: '/__mock/clock',
      headers: { 'x-mock-control': '1' },
    });
    expect(header.status).toBe(200);
    expect((await clock()).offset_seconds).toBe(0);
  });

  it.each([
    ['localhost:PORT', true],
    ['127.0.0.1:PORT', true],
    ['[::1]:PORT', true],
    ['LOCALHOST', true],
    ['mock.test:PORT', true], // --control-host
    ['evil.example', false],
    ['evil.example:PORT', false],
    ['127.0.0.1.evil.example', false],
  ])('Host %s: allowed %s', async (host, allowed) => {
    const answer = await send(mock.url, {
      method: 'GET',
      path: '/__mock/prefer',
      headers: { host: host.replace('PORT', String(mock.port)) },
    });
    expect(answer.status).toBe(allowed ? 200 : 403);
    if (!allowed) expect(answer.body).toContain('--control-host');
  });
});

describe('the control endpoints in the msw handlers', () => {
  const control = createMockControl();
  const server = setupServer(...createHandlers({ control }));
  beforeAll(() => server.listen());
  afterAll(() => server.close());

  it('want the same deliberate request', async () => {
    const plain = await fetch('https://example.com/__mock/prefer', { method: 'PUT', body: '{"prefer":"code=500"}' });
    expect(plain.status).toBe(415);
    expect(control.prefer).toBeUndefined();
    const marked = await fetch('https://example.com/__mock/prefer', {
      method: 'PUT',
      headers: { 'x-mock-control': '1' },
      body: '{"prefer":"code=500"}',
    });
    expect(marked.status).toBe(200);
    expect(control.prefer).toBe('code=500');
    expect(handleControl(control, { method: 'GET', path: '/__mock/prefer', body: '' })?.status).toBe(200);
  });
});
