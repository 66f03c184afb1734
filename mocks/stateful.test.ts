/**
 * Stateful mode end to end, through both adapters (HTTP server and msw) over one model whose
 * clock the tests move.
 */
import { decodeJwt } from 'jose';
import { getResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLoginApiClient } from '../client/login-api-client.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { type AuthModel, createAuthModel } from './core/auth-model.ts';
import type { MockUser } from './core/demo-users.ts';
import { createHandlers } from './msw/handlers.ts';
import { type MockServer, startMockServer } from './node-server.ts';

const login = openapiDocument.paths['/v1/api/auth/login'].post.responses;
const refresh = openapiDocument.paths['/v1/api/auth/refresh'].post.responses;
const wrongCredentials = login['401'].content['application/json'].examples['wrong-credentials'].value;
const invalidToken = refresh['401'].content['application/json'].examples['invalid-token'].value;
const expiredToken = refresh['401'].content['application/json'].examples['expired-token'].value;
const documentedRefresh = refresh['200'].content['application/json'].examples.documented.value;

const START = Date.parse('2030-06-01T12:00:00Z');
let clock = START;
let model: AuthModel;
let server: MockServer;

interface Answer {
  status: number;
  type: string | null;
  text: string;
  body: Record<string, unknown> & { result?: Record<string, unknown> };
}
type Transport = (path: string, body: unknown, headers?: Record<string, string>) => Promise<Answer>;

async function toAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, body: JSON.parse(text) };
}

function init(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  };
}

beforeAll(async () => {
  model = await createAuthModel({ now: () => clock });
  server = await startMockServer({ port: 0, stateful: model });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  clock = START;
  await model.reset();
});

const transports: [string, Transport][] = [
  ['HTTP server', async (path, body, headers) => toAnswer(await fetch(`${server.url}${path}`, init(body, headers)))],
  [
    'msw',
    async (path, body, headers) => {
      const request = new Request(`https://example.com${path}`, init(body, headers));
      const res = await getResponse(createHandlers({ stateful: model }), request);
      if (!res) throw new Error('msw did not handle the request');
      return toAnswer(res);
    },
  ],
];

describe.each(transports)('stateful mode through the %s', (_name, send) => {
  const loginAs = (user: string, password: string) => send('/v1/api/auth/login', { user, password });
  const refreshWith = (token: unknown) => send('/v1/api/auth/refresh', { refresh_token: token });

  function expectRefused(answer: Answer, expected: unknown) {
    expect(answer.status).toBe(401);
    expect(answer.type).toBe('application/json');
    expect(answer.body).toEqual(expected);
    expect(answer.text).not.toMatch(/eyJ/); // no tokens
  }

  it('logs in and refreshes with the issued refresh token', async () => {
    const loggedIn = await loginAs('alice', 'wonderland');
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body).not.toHaveProperty('redirect');
    const refreshToken = loggedIn.body.result?.refresh_token as string;
    expect(decodeJwt(refreshToken).exp).toBe(START / 1000 + (loggedIn.body.result?.refresh_token_expires_in as number));
    const refreshed = await refreshWith(refreshToken);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual(documentedRefresh);
  });

  it('gives the password-reset user the documented redirect', async () => {
    const loggedIn = await loginAs('bob', 'builder');
    expect(loggedIn.body.redirect).toBe(login['200'].content['application/json'].examples.documented.value.redirect);
  });

  it('refuses a wrong password and an unknown user alike, with no tokens', async () => {
    expectRefused(await loginAs('alice', 'wrong'), wrongCredentials);
    expectRefused(await loginAs('nobody', 'wonderland'), wrongCredentials);
  });

  it('refuses missing fields with the overlay 400, with no tokens', async () => {
    const answer = await send('/v1/api/auth/login', { user: 'alice' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 400, desc: "Invalid request: 'password' is required" });
  });

  it('refuses the access token used as refresh token, a tampered and an alg:none token', async () => {
    const { result } = (await loginAs('alice', 'wonderland')).body;
    const access = result?.access_token as string;
    const refreshToken = result?.refresh_token as string;
    expectRefused(await refreshWith(access), invalidToken);
    const [header, payload, signature] = refreshToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1 })).toString('base64url');
    expectRefused(await refreshWith(`${header}.${forgedPayload}.${signature}`), invalidToken);
    const none = Buffer.from('{"typ":"JWT","alg":"none"}').toString('base64url');
    expectRefused(await refreshWith(`${none}.${payload}.`), invalidToken);
    expectRefused(await refreshWith(undefined), invalidToken);
  });

  it('refuses an expired refresh token, moving the injected clock', async () => {
    const loggedIn = await loginAs('alice', 'wonderland');
    clock += (loggedIn.body.result?.refresh_token_expires_in as number) * 1000;
    expectRefused(await refreshWith(loggedIn.body.result?.refresh_token), expiredToken);
  });

  it('still honours Prefer scenarios over the model', async () => {
    const answer = await send('/v1/api/auth/login', { user: 'alice', password: 'wonderland' }, { prefer: 'code=401' });
    expectRefused(answer, wrongCredentials);
  });
});

describe('stateful: true, with a random secret per start', () => {
  it('serves the demo users over HTTP, and one server refuses the other\u2019s tokens', async () => {
    const [a, b] = await Promise.all([
      startMockServer({ port: 0, stateful: true }),
      startMockServer({ port: 0, stateful: true }),
    ]);
    try {
      const loggedIn = await toAnswer(
        await fetch(`${a.url}/v1/api/auth/login`, init({ user: 'bob', password: 'builder' })),
      );
      expect(loggedIn.status).toBe(200);
      const token = loggedIn.body.result?.refresh_token;
      expect((await fetch(`${a.url}/v1/api/auth/refresh`, init({ refresh_token: token }))).status).toBe(200);
      expect((await fetch(`${b.url}/v1/api/auth/refresh`, init({ refresh_token: token }))).status).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves the demo users through msw', async () => {
    const handlers = createHandlers({ stateful: true });
    const res = await getResponse(
      handlers,
      new Request('https://example.com/v1/api/auth/login', init({ user: 'alice', password: 'wonderland' })),
    );
    expect(res?.status).toBe(200);
  });

  it('uses a configured secret instead of a random one', async () => {
    const [a, b] = await Promise.all([
      startMockServer({ port: 0, stateful: true, jwtSecret: 'shared-secret-shared-secret-1234' }),
      startMockServer({ port: 0, stateful: true, jwtSecret: 'shared-secret-shared-secret-1234' }),
    ]);
    try {
      const loggedIn = await toAnswer(
        await fetch(`${a.url}/v1/api/auth/login`, init({ user: 'alice', password: 'wonderland' })),
      );
      const token = loggedIn.body.result?.refresh_token;
      expect((await fetch(`${b.url}/v1/api/auth/refresh`, init({ refresh_token: token }))).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('one user shape for the HTTP server, the msw handlers and the client', () => {
  it('takes the same list everywhere, and logs in with its credentials through the typed client', async () => {
    const users: MockUser[] = [
      { user: 'carol', password: 's3cret' },
      { user: 'dave', password: 'pw', passwordReset: true },
    ];
    const http = await startMockServer({ port: 0, stateful: true, users });
    const handlers = createHandlers({ stateful: { users }, storage: false });
    const viaMsw = (request: Request) => getResponse(handlers, request).then((res) => res ?? Response.error());
    try {
      for (const api of [
        createLoginApiClient({ baseUrl: http.url }),
        createLoginApiClient({ baseUrl: 'https://example.com', fetch: viaMsw }),
      ]) {
        for (const { user, password, passwordReset } of users) {
          const result = await api.login({ user, password });
          if (!result.ok) throw new Error(JSON.stringify(result));
          expect('redirect' in result.data).toBe(passwordReset === true);
        }
        expect(await api.login({ user: 'alice', password: 'wonderland' })).toMatchObject({ ok: false, status: 401 });
      }
    } finally {
      await http.close();
    }
  });

  it('refuses the same bad list the same way in both', async () => {
    const users: MockUser[] = [
      { user: 'carol', password: 'a' },
      { user: 'carol', password: 'b' },
    ];
    await expect(startMockServer({ port: 0, stateful: true, users })).rejects.toThrow(/'carol' appears twice/);
    expect(() => createHandlers({ stateful: { users }, storage: false })).toThrow(/'carol' appears twice/);
  });
});
