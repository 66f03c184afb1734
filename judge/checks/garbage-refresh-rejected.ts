import { randomBytes } from 'node:crypto';
import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Made-up refresh tokens no server issued: plain junk, empty, and JWTs a careless verifier accepts. */
export function garbageTokens(user: string): [string, string][] {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return [
    ['a random string', `not-a-token-${randomBytes(8).toString('hex')}`],
    ['an empty string', ''],
    ['an unsigned JWT (alg "none")', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user, exp })}.`],
    [
      'a JWT signed with an unknown key',
      `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user, exp })}.${randomBytes(32).toString('base64url')}`,
    ],
  ];
}

export const garbageRefreshRejected = defineCheck({
  id: 'garbage-refresh-rejected',
  title: 'Refresh with a token the server never issued is refused, without a server error',
  level: 'robustness',
  rationale: 'Only issued tokens may refresh; a junk, empty, unsigned or foreign-signed token must never succeed.',
  run: (ctx) =>
    rejectsAll(
      ctx,
      garbageTokens(ctx.user).map(([what, token]) =>
        jsonRequest(ctx.api.refresh, { [ctx.api.fields.refreshToken]: token }, `refresh with ${what}`),
      ),
    ),
});
