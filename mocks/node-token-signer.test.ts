import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { TokenClaims } from './core/auth-model.ts';
import { createNodeSigner } from './node-token-signer.ts';

const secret = new TextEncoder().encode('a test secret of some length');
const claims: TokenClaims = { exp: 2_000_000_000, iat: 1_999_998_200, sub: 'alice', token_use: 'refresh', jti: 'j-1' };

describe('createNodeSigner', () => {
  it('makes byte-for-byte the token jose makes for the same claims and secret', async () => {
    const byJose = await new SignJWT({ ...claims }).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(secret);
    expect(createNodeSigner(secret)(claims)).toBe(byJose);
  });

  it('signs tokens jose verifies, with the docs header and the claims in order', async () => {
    const token = await createNodeSigner(secret)(claims);
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).toMatch(/^\{"exp":2000000000,/);
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      currentDate: new Date(1_999_999_000_000),
    });
    expect(payload).toEqual(claims);
  });

  it('signs with the given secret only', async () => {
    const token = await createNodeSigner(new TextEncoder().encode('another secret'))(claims);
    await expect(jwtVerify(token, secret, { currentDate: new Date(1_999_999_000_000) })).rejects.toThrow(/signature/);
  });
});
