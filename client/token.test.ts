import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { formatRemaining, readExp, shortenToken, tokenExpiry } from './token.ts';

const documented =
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value.result;

async function jwt(exp: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(exp)
    .sign(new Uint8Array(32));
}

describe('tokenExpiry', () => {
  it('uses exp of a complete JWT', async () => {
    const token = await jwt(2_000_000_000);
    expect(readExp(token)).toBe(2_000_000_000);
    expect(tokenExpiry(token, 60, 0)).toBe(2_000_000_000_000);
  });

  it('falls back to expires_in for the truncated documented tokens', () => {
    expect(readExp(documented.refresh_token)).toBeUndefined();
    expect(tokenExpiry(documented.access_token, documented.access_token_expires_in, 1_000)).toBe(
      1_000 + documented.access_token_expires_in * 1000,
    );
  });

  it('knows nothing without either', () => {
    expect(tokenExpiry('opaque', undefined, 0)).toBeUndefined();
  });
});

describe('shortenToken', () => {
  it('never returns the whole token', async () => {
    const token = await jwt(2_000_000_000);
    const short = shortenToken(token);
    expect(short).not.toContain(token);
    expect(short).toMatch(new RegExp(`^${token.slice(0, 8)}…${token.slice(-4)} \\(${token.length} chars\\)$`));
    expect(shortenToken('secret')).toBe('•••••• (6 chars)');
  });
});

describe('formatRemaining', () => {
  it.each([
    [1_800_000, '30:00'],
    [14_400_000, '4:00:00'],
    [59_001, '1:00'],
    [1, '0:01'],
    [0, 'expired'],
    [-5, 'expired'],
  ])('%d ms -> %s', (given, want) => {
    expect(formatRemaining(given)).toBe(want);
  });
});
