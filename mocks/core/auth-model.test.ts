import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { type AuthModel, createAuthModel } from './auth-model.ts';
import type { ModelOutcome } from './plan-response.ts';

const documentedLogin =
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value;
const documentedRefresh =
  openapiDocument.paths['/v1/api/auth/refresh'].post.responses['200'].content['application/json'].examples.documented
    .value;

const START = Date.parse('2030-01-01T00:00:00Z');
let clock = START;
let model: AuthModel;

beforeEach(async () => {
  clock = START;
  model = await createAuthModel({ now: () => clock, secret: 'test-secret-test-secret-test-secret' });
});

interface LoginBody {
  code: number;
  result: {
    token_type: string;
    access_token: string;
    refresh_token: string;
    access_token_expires_in: number;
    refresh_token_expires_in: number;
  };
  redirect?: string;
}

async function loginAs(user: string, password: string): Promise<LoginBody> {
  const outcome = await model.login({ user, password });
  expect(outcome.status).toBe(200);
  return (outcome as { body: LoginBody }).body;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const wrongCredentials: ModelOutcome = { status: 401, example: 'wrong-credentials' };
const invalidToken: ModelOutcome = { status: 401, example: 'invalid-token' };
const expiredToken: ModelOutcome = { status: 401, example: 'expired-token' };

describe('auth model: login', () => {
  it('reads the token lifetimes from the documented example', () => {
    expect(model.accessTokenExpiresIn).toBe(documentedLogin.result.access_token_expires_in);
    expect(model.refreshTokenExpiresIn).toBe(documentedLogin.result.refresh_token_expires_in);
  });

  it('answers the documented shape with signed tokens and no redirect for a normal user', async () => {
    const body = await loginAs('alice', 'wonderland');
    expect(body.code).toBe(documentedLogin.code);
    expect(body.result.token_type).toBe(documentedLogin.result.token_type);
    expect(body.result.access_token_expires_in).toBe(documentedLogin.result.access_token_expires_in);
    expect(body).not.toHaveProperty('redirect');
  });

  it('adds the documented redirect for the user flagged for a password reset', async () => {
    expect((await loginAs('bob', 'builder')).redirect).toBe(documentedLogin.redirect);
  });

  it('issues JWTs shaped like the docs: typ JWT / alg HS256 header, exp = issue time + expires_in', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    const issuedAt = START / 1000;
    for (const [token, lifetime, use] of [
      [result.access_token, model.accessTokenExpiresIn, 'access'],
      [result.refresh_token, model.refreshTokenExpiresIn, 'refresh'],
    ] as const) {
      expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'HS256' });
      // The docs' truncated example tokens share this prefix: same header, payload starting `{"exp":`.
      const documentedStart = documentedLogin.result.access_token.replace(/\.\.\.$/, '');
      expect(
        token.startsWith(documentedStart),
        `issued tokens no longer start like the docs' example token (${documentedStart}): ` +
          'make the header and first payload claim in mocks/core/auth-model.ts match it',
      ).toBe(true);
      expect(decodeJwt(token)).toMatchObject({ sub: 'alice', iat: issuedAt, exp: issuedAt + lifetime, token_use: use });
    }
    expect(result.refresh_token).not.toBe(result.access_token);
  });

  it.each([
    ['a wrong password', 'alice', 'builder'],
    ['an unknown user', 'mallory', 'wonderland'],
    ['an empty user', '', ''],
    ['another user\u2019s password', 'bob', 'wonderland'],
  ])('refuses %s with the overlay answer', async (_name, user, password) => {
    expect(await model.login({ user, password })).toEqual(wrongCredentials);
  });

  it('uses the user store, and reset() restores the seed', async () => {
    await model.users.create({ user: 'carol', password: 'secret', passwordReset: false });
    expect((await model.login({ user: 'carol', password: 'secret' })).status).toBe(200);
    await model.users.update((q) => q.where({ user: 'alice' }), {
      data(user) {
        user.password = 'changed';
      },
    });
    expect(await model.login({ user: 'alice', password: 'wonderland' })).toEqual(wrongCredentials);
    await model.reset();
    expect(await model.login({ user: 'carol', password: 'secret' })).toEqual(wrongCredentials);
    expect((await model.login({ user: 'alice', password: 'wonderland' })).status).toBe(200);
  });
});

describe('auth model: refresh', () => {
  it('accepts the issued refresh token with the documented answer', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    expect(await model.refresh({ refresh_token: result.refresh_token })).toEqual({
      status: 200,
      body: documentedRefresh,
    });
  });

  it('accepts it until just before exp, and refuses it as expired from exp on (injected clock)', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    clock = START + (model.refreshTokenExpiresIn - 1) * 1000;
    expect((await model.refresh({ refresh_token: result.refresh_token })).status).toBe(200);
    clock = START + model.refreshTokenExpiresIn * 1000;
    expect(await model.refresh({ refresh_token: result.refresh_token })).toEqual(expiredToken);
  });

  it('refuses the access token used as a refresh token', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    expect(await model.refresh({ refresh_token: result.access_token })).toEqual(invalidToken);
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    const [header, payload, signature] = result.refresh_token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = [header, base64url({ ...claims, sub: 'bob' }), signature].join('.');
    expect(await model.refresh({ refresh_token: tampered })).toEqual(invalidToken);
  });

  it('refuses an unsigned `alg: none` token', async () => {
    const { result } = await loginAs('alice', 'wonderland');
    const claims = decodeJwt(result.refresh_token);
    const unsigned = `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`;
    expect(await model.refresh({ refresh_token: unsigned })).toEqual(invalidToken);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new SignJWT({ sub: 'alice', token_use: 'refresh' })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
      .setIssuedAt(START / 1000)
      .setExpirationTime(START / 1000 + 3600)
      .sign(new TextEncoder().encode('another-secret-another-secret-xx'));
    expect(await model.refresh({ refresh_token: forged })).toEqual(invalidToken);
  });

  it('refuses tokens issued by another model (a new start has a new random secret)', async () => {
    const other = await createAuthModel({ now: () => clock });
    const outcome = (await other.login({ user: 'alice', password: 'wonderland' })) as { body: LoginBody };
    expect(await model.refresh({ refresh_token: outcome.body.result.refresh_token })).toEqual(invalidToken);
  });

  it('refuses an expired token that is also forged as invalid, not expired', async () => {
    const forged = await new SignJWT({ sub: 'alice', token_use: 'refresh' })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
      .setIssuedAt(0)
      .setExpirationTime(1)
      .sign(new TextEncoder().encode('another-secret-another-secret-xx'));
    expect(await model.refresh({ refresh_token: forged })).toEqual(invalidToken);
  });

  it.each([
    ['no body', undefined],
    ['no refresh_token', {}],
    ['an empty token', { refresh_token: '' }],
    ['garbage', { refresh_token: 'not.a.jwt' }],
    ['the docs\u2019 truncated example token', { refresh_token: documentedLogin.result.refresh_token }],
  ])('refuses %s as an invalid token', async (_name, body) => {
    expect(await model.refresh(body)).toEqual(invalidToken);
  });

  it('refuses the refresh token of a user who no longer exists', async () => {
    await model.users.create({ user: 'carol', password: 'secret', passwordReset: false });
    const outcome = (await model.login({ user: 'carol', password: 'secret' })) as { body: LoginBody };
    await model.reset();
    expect(await model.refresh({ refresh_token: outcome.body.result.refresh_token })).toEqual(invalidToken);
  });
});
