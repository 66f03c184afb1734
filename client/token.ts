// Token helpers for display: how long a token lives and how to show it without leaking it.
import { decodeJwt } from 'jose';

/**
 * When a token expires, in epoch milliseconds: the JWT's `exp` when the token is a complete JWT,
 * else `receivedAt + expiresIn` seconds (the documented example tokens are truncated, so they
 * carry no readable `exp`).
 */
export function tokenExpiry(
  token: string,
  expiresInSeconds: number | undefined,
  receivedAt: number,
): number | undefined {
  const exp = readExp(token);
  if (exp !== undefined) return exp * 1000;
  if (typeof expiresInSeconds === 'number' && Number.isFinite(expiresInSeconds)) {
    return receivedAt + expiresInSeconds * 1000;
  }
  return undefined;
}

/** The `exp` claim of a complete JWT, or undefined for anything else. */
export function readExp(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Enough of a token to tell two apart, never the whole of it: `eyJ0eXAi…Iz9Q (187 chars)`. */
export function shortenToken(token: string): string {
  if (token.length <= 16) return `${'•'.repeat(Math.min(token.length, 8))} (${token.length} chars)`;
  return `${token.slice(0, 8)}…${token.slice(-4)} (${token.length} chars)`;
}

/** `29:59`, `3:59:59`, or `expired`. */
export function formatRemaining(milliseconds: number): string {
  if (milliseconds <= 0) return 'expired';
  const total = Math.ceil(milliseconds / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
