import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { createMockCore, type MockRequest, type MockResponse, type OperationModel } from './plan-response.ts';

const login = openapiDocument.paths['/v1/api/auth/login'].post.responses;
const refresh = openapiDocument.paths['/v1/api/auth/refresh'].post.responses;
const LOGIN = '/v1/api/auth/login';
const REFRESH = '/v1/api/auth/refresh';

function request(overrides: Partial<MockRequest> = {}): MockRequest {
  return {
    method: 'POST',
    path: LOGIN,
    contentType: 'application/json',
    body: '{"user":"u","password":"p"}',
    ...overrides,
  };
}

async function handle(
  core: ReturnType<typeof createMockCore>,
  req: MockRequest,
): Promise<MockResponse & { json: unknown }> {
  const res = await core.handle(req);
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}

describe('createMockCore, example mode', () => {
  const core = createMockCore();

  it('answers a valid login with the documented example', async () => {
    const res = await handle(core, request());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json).toEqual(login['200'].content['application/json'].examples.documented.value);
  });

  it('answers a valid refresh, and one with no body, with the documented example', async () => {
    const documented = refresh['200'].content['application/json'].examples.documented.value;
    expect((await handle(core, request({ path: REFRESH, body: '{"refresh_token":"x"}' }))).json).toEqual(documented);
    expect((await handle(core, request({ path: REFRESH, body: '', contentType: undefined }))).json).toEqual(documented);
  });

  it.each([
    [
      'code alone: its first example',
      'code=401',
      401,
      login['401'].content['application/json'].examples['wrong-credentials'].value,
    ],
    [
      'code and example',
      'code=200, example=documented',
      200,
      login['200'].content['application/json'].examples.documented.value,
    ],
    [
      'a 2xx example alone',
      'example=documented',
      200,
      login['200'].content['application/json'].examples.documented.value,
    ],
    [
      'an error example alone (Prism needs the code too)',
      'example=wrong-credentials',
      401,
      login['401'].content['application/json'].examples['wrong-credentials'].value,
    ],
    [
      'code=400 on a valid request',
      'code=400',
      400,
      login['400'].content['application/json'].examples['invalid-request'].value,
    ],
  ])('selects by Prefer: %s', async (_name, prefer, status, body) => {
    const res = await handle(core, request({ prefer }));
    expect(res.status).toBe(status);
    expect(res.json).toEqual(body);
  });

  it('selects named refresh examples', async () => {
    const res = await handle(core, request({ path: REFRESH, body: '{}', prefer: 'code=401, example=expired-token' }));
    expect(res.status).toBe(401);
    expect(res.json).toEqual(refresh['401'].content['application/json'].examples['expired-token'].value);
  });

  it.each([
    ['an undefined code', 'code=418', /code=418 is not defined .*\(defined: 200, 400, 401, 429, 500, 502, 503\)/],
    ['an unknown example', 'example=nope', /example=nope is not defined .*wrong-credentials \(401\)/],
    ['an example of another status', 'code=200, example=wrong-credentials', /not defined for status 200/],
  ])('answers 404 naming what exists for %s', async (_name, prefer, desc) => {
    const res = await handle(core, request({ prefer }));
    expect(res.status).toBe(404);
    expect((res.json as { desc: string }).desc).toMatch(desc);
  });

  it('answers 422 for an unusable Prefer value', async () => {
    const res = await handle(core, request({ prefer: 'code=abc' }));
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ code: 422, desc: expect.stringContaining("got 'abc'") });
  });

  it('validates before honouring a scenario, as Prism does', async () => {
    const res = await handle(core, request({ body: '{"user":"u"}', prefer: 'code=200' }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 400, desc: "Invalid request: 'password' is required" });
  });

  it('carries delay and network error to the adapter', async () => {
    expect((await handle(core, request({ prefer: 'delay=1500' }))).delay).toBe(1500);
    const dropped = await handle(core, request({ prefer: 'network-error' }));
    expect(dropped.networkError).toBe(true);
    expect(dropped.body).toBe('');
  });

  it('answers 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    const notFound = await handle(core, request({ path: '/v1/api/auth/nope' }));
    expect(notFound.status).toBe(404);
    expect(notFound.json).toEqual({ code: 404, desc: expect.stringContaining('/v1/api/auth/nope') });
    const wrongMethod = await handle(core, request({ method: 'GET', body: '' }));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  it('answers 406 when Accept excludes JSON, and accepts wildcards', async () => {
    expect((await handle(core, request({ accept: 'text/html' }))).status).toBe(406);
    expect((await handle(core, request({ accept: 'application/json;q=0, text/html' }))).status).toBe(406);
    expect((await handle(core, request({ accept: 'text/html, application/*;q=0.5' }))).status).toBe(200);
    expect((await handle(core, request({ accept: '*/*' }))).status).toBe(200);
  });

  it('answers 413 past the body limit', async () => {
    const small = createMockCore({ bodyLimit: 10 });
    expect((await handle(small, request())).status).toBe(413);
  });
});

describe('createMockCore, scenarios fixed in code', () => {
  it('applies a global scenario to the operations that define it, leaving the others alone', async () => {
    const core = createMockCore({ scenario: { example: 'wrong-credentials' } });
    expect((await handle(core, request())).status).toBe(401);
    expect((await handle(core, request({ path: REFRESH, body: '{}' }))).status).toBe(200);
  });

  it('lets a Prefer header replace the fixed scenario whole: status, example, delay and network error', async () => {
    const core = createMockCore({ scenario: { code: 401, delay: 1500, networkError: true } });
    const own = await handle(core, request({ prefer: 'example=documented' }));
    expect(own.json).toEqual(login['200'].content['application/json'].examples.documented.value);
    expect([own.delay, own.networkError]).toEqual([0, false]);
    expect(await handle(core, request({ prefer: 'delay=5' }))).toMatchObject({ status: 200, delay: 5 });
    // A Prefer holding nothing a mock knows leaves the fixed scenario in charge.
    expect(await handle(core, request({ prefer: 'respond-async' }))).toMatchObject({ networkError: true, delay: 1500 });
  });

  it('applies per-operation scenarios', async () => {
    const core = createMockCore({ scenarios: { refreshToken: { example: 'expired-token', delay: 20 } } });
    const res = await handle(core, request({ path: REFRESH, body: '{}' }));
    expect(res.json).toEqual(refresh['401'].content['application/json'].examples['expired-token'].value);
    expect(res.delay).toBe(20);
    expect((await handle(core, request())).status).toBe(200);
  });

  it.each([
    ['an example no operation defines', { scenario: { example: 'nope' } }, /defined for no operation/],
    ['an unknown operation', { scenarios: { 'no-such-operation': { code: 200 } } }, /no operation 'no-such-operation'/],
    [
      'an example the operation lacks',
      { scenarios: { login: { example: 'expired-token' } } },
      /scenarios.login: .*expired-token/,
    ],
    ['a negative delay', { scenario: { delay: -5 } }, /scenario.delay must be/],
    ['an endless delay', { scenarios: { login: { delay: 1e9 } } }, /scenarios.login.delay must be/],
  ])('refuses %s at creation', (_name, options, message) => {
    expect(() => createMockCore(options)).toThrow(message);
  });
});

describe('createMockCore with a model', () => {
  const calls: [string, unknown][] = [];
  const model: OperationModel = {
    async handle(operationId, body) {
      calls.push([operationId, body]);
      if (operationId === 'login') return { status: 401, example: 'wrong-credentials' };
      return { status: 200, body: { result: { code: 0, desc: 'from model' } } };
    },
  };
  const core = createMockCore({ model });

  it('passes the parsed body to the model and answers its named example', async () => {
    const res = await handle(core, request());
    expect(calls.at(-1)).toEqual(['login', { user: 'u', password: 'p' }]);
    expect(res.status).toBe(401);
    expect(res.json).toEqual(login['401'].content['application/json'].examples['wrong-credentials'].value);
  });

  it('answers a body the model builds', async () => {
    const res = await handle(core, request({ path: REFRESH, body: '{}' }));
    expect(res.json).toEqual({ result: { code: 0, desc: 'from model' } });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('does not consult the model for invalid requests or explicit scenarios', async () => {
    const before = calls.length;
    expect((await handle(core, request({ body: '{}' }))).status).toBe(400);
    expect((await handle(core, request({ prefer: 'code=200' }))).status).toBe(200);
    expect(calls.length).toBe(before);
  });
});
