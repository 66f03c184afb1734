import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { type MockServer, startMockServer } from './node-server.ts';

const documentedLogin =
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value;
const LOGIN = '/v1/api/auth/login';
const REFRESH = '/v1/api/auth/refresh';
const JSON_HEADERS = { 'content-type': 'application/json' };

let server: MockServer;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await server?.close();
});

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', signal: AbortSignal.timeout(5_000), ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function stillServing(): Promise<void> {
  const res = await call(LOGIN, { headers: JSON_HEADERS, body: '{"user":"u","password":"p"}' });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text)).toEqual(documentedLogin);
}

describe('HTTP mock server: bad input', () => {
  it.each([
    [
      'malformed JSON',
      LOGIN,
      { headers: JSON_HEADERS, body: '{"user": "u", "password":' },
      400,
      'body is not valid JSON',
    ],
    ['an empty body', LOGIN, { headers: JSON_HEADERS, body: '' }, 400, 'body is required'],
    ['no body at all', LOGIN, {}, 400, 'body is required'],
    ['a missing field', LOGIN, { headers: JSON_HEADERS, body: '{"user":"u"}' }, 400, "'password' is required"],
    [
      'a wrongly typed field',
      LOGIN,
      { headers: JSON_HEADERS, body: '{"user":["u"],"password":"p"}' },
      400,
      "'user' must be a string",
    ],
    [
      'a wrongly typed refresh token',
      REFRESH,
      { headers: JSON_HEADERS, body: '{"refresh_token":{}}' },
      400,
      "'refresh_token' must be a string",
    ],
    ['a JSON array', LOGIN, { headers: JSON_HEADERS, body: '[]' }, 400, 'body must be a JSON object'],
    ['JSON null', LOGIN, { headers: JSON_HEADERS, body: 'null' }, 400, 'body must be a JSON object'],
    [
      'a wrong Content-Type',
      LOGIN,
      { headers: { 'content-type': 'text/plain' }, body: '{"user":"u","password":"p"}' },
      400,
      'Content-Type must be application/json',
    ],
    [
      'a form body',
      LOGIN,
      { body: new URLSearchParams({ user: 'u', password: 'p' }) },
      400,
      'Content-Type must be application/json',
    ],
    [
      'a 1 MB body',
      LOGIN,
      { headers: JSON_HEADERS, body: `{"user":"${'u'.repeat(1024 * 1024)}","password":"p"}` },
      413,
      'Request body too large',
    ],
    // A path the spec does not document, whatever endpoints the docs gain.
    ['an unknown route', '/v1/api/auth/no-such-operation', { headers: JSON_HEADERS, body: '{}' }, 404, 'Not found'],
    ['a route outside the API', '/', {}, 404, 'Not found'],
    ['a trailing slash', `${LOGIN}/`, { headers: JSON_HEADERS, body: '{"user":"u","password":"p"}' }, 404, 'Not found'],
    ['a wrong method', LOGIN, { method: 'GET' }, 405, 'Method not allowed'],
    [
      'a wrong method with a body',
      REFRESH,
      { method: 'PUT', headers: JSON_HEADERS, body: '{}' },
      405,
      'Method not allowed',
    ],
    [
      'an unusable Prefer header',
      LOGIN,
      { headers: { ...JSON_HEADERS, prefer: 'code=xyz' }, body: '{"user":"u","password":"p"}' },
      422,
      'Prefer: code must be',
    ],
    [
      'an Accept that excludes JSON',
      LOGIN,
      { headers: { ...JSON_HEADERS, accept: 'text/html' }, body: '{"user":"u","password":"p"}' },
      406,
      'Not acceptable',
    ],
  ])(
    'answers %s with a specific 4xx in the error envelope, then keeps serving',
    async (_name, path, init, status, desc) => {
      const res = await call(path, init as RequestInit);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = JSON.parse(res.text);
      expect(body).toEqual({ code: status, desc: expect.stringContaining(desc) });
      if (status === 405) expect(res.headers.get('allow')).toBe('POST');
      await stillServing();
    },
  );

  it('answers 413 to a chunked body past the limit without a Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}${LOGIN}`,
        { method: 'POST', headers: JSON_HEADERS, timeout: 5_000 },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 16; i++) req.write('x'.repeat(64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    await stillServing();
  });

  it('survives a garbage request line and a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST ${LOGIN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user"`,
        );
        socket.destroy();
        resolve();
      });
    });
    await stillServing();
  });

  it('never answers 5xx to a bounded batch of random bodies and headers', async () => {
    const bodies = [
      '',
      '{',
      '}',
      '{}',
      '[]',
      '0',
      '"x"',
      'true',
      '{"user":null}',
      '{"user":"a","password":1e400}',
      '\u0000',
      '\ud800',
      '{"__proto__":{"x":1}}',
      '{"user":"u","password":"p","user":5}',
    ];
    const types = ['application/json', 'application/json; charset=latin1', 'text/json', '', 'application/JSON'];
    const prefers = ['', 'code=', 'code=999', 'example', 'delay=x', 'network', ',,,', 'code=401;;;', 'example=\u00e9'];
    let count = 0;
    for (const body of bodies) {
      for (const type of types) {
        const prefer = prefers[count++ % prefers.length] as string;
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (prefer) headers.prefer = prefer;
        const res = await call(count % 2 ? LOGIN : REFRESH, { headers, body });
        expect(res.status, `${type} ${prefer} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(() => JSON.parse(res.text)).not.toThrow();
      }
    }
    expect(count).toBe(bodies.length * types.length);
    await stillServing();
  });
});

describe('HTTP mock server: browsers, scenarios, logs', () => {
  it('answers CORS preflights and adds CORS headers for other origins', async () => {
    const preflight = await call(LOGIN, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, prefer',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, prefer');
    const actual = await call(LOGIN, {
      headers: { ...JSON_HEADERS, origin: 'http://localhost:5173' },
      body: '{"user":"u","password":"p"}',
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(actual.headers.get('access-control-allow-credentials')).toBe('true');
    expect(actual.headers.get('vary')).toBe('Origin');
    // Any other site may read answers, but never with the user's credentials.
    const foreign = await call(LOGIN, {
      headers: { ...JSON_HEADERS, origin: 'https://attacker.example' },
      body: '{"user":"u","password":"p"}',
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://attacker.example');
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('delays an answer by Prefer: delay', async () => {
    const started = performance.now();
    const res = await call(REFRESH, { headers: { prefer: 'delay=300' } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('survives a client that gives up during a delayed answer', async () => {
    logLines.length = 0;
    const aborted = await call(REFRESH, { headers: { prefer: 'delay=300' }, signal: AbortSignal.timeout(50) }).catch(
      (error: Error) => error.name,
    );
    expect(aborted).toBe('TimeoutError');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(logLines[0]).toMatch(/^POST \/v1\/api\/auth\/refresh client-gone \d+\.\dms$/);
    await stillServing();
  });

  it('drops the connection for Prefer: network-error, so fetch rejects', async () => {
    await expect(call(REFRESH, { headers: { prefer: 'network-error' } })).rejects.toThrow(TypeError);
    await stillServing();
  });

  it('logs one line per request (method, path, status, ms) and never a password, token or query', async () => {
    logLines.length = 0;
    await call(`${LOGIN}?token=query-secret`, {
      headers: JSON_HEADERS,
      body: '{"user":"alice","password":"hunter2-secret"}',
    });
    await call(REFRESH, { headers: JSON_HEADERS, body: '{"refresh_token":"eyJ.token-secret.sig"}' });
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatch(/^POST \/v1\/api\/auth\/login 200 \d+\.\dms$/);
    expect(logLines[1]).toMatch(/^POST \/v1\/api\/auth\/refresh 200 \d+\.\dms$/);
    expect(logLines.join('\n')).not.toMatch(/secret|hunter2|eyJ/);
  });

  it('closes cleanly with a delayed answer pending', async () => {
    const other = await startMockServer({ port: 0 });
    const pending = fetch(`${other.url}${REFRESH}`, { method: 'POST', headers: { prefer: 'delay=10000' } }).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('serves a scenario fixed in code', async () => {
    const other = await startMockServer({ port: 0, scenario: { code: 401 } });
    try {
      const res = await fetch(`${other.url}${LOGIN}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{"user":"u","password":"p"}',
        signal: AbortSignal.timeout(5_000),
      });
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('reports a port in use', async () => {
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
