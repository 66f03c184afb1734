// Reads a token as a JWT without verifying it (the kit has no key): enough to judge its shape, its
// time claims, and to build the forged copies RFC 8725 says a server must refuse.
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

export type DecodedJwt =
  | { ok: true; header: ProtectedHeaderParameters; payload: JWTPayload }
  | { ok: false; reason: string };

export function decodeToken(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: `it has ${parts.length} dot-separated part(s), a JWT has 3` };
  try {
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    if (typeof header.alg !== 'string') return { ok: false, reason: 'its header names no "alg"' };
    if (header.alg.toLowerCase() === 'none') return { ok: false, reason: 'it is unsigned (alg "none")' };
    if (parts[2] === '') return { ok: false, reason: 'its signature part is empty' };
    return { ok: true, header, payload };
  } catch (error) {
    return { ok: false, reason: `it does not decode as a JWT (${(error as Error).message})` };
  }
}

/**
 * Whether a token is meant as a JWT (RFC 7515 compact form): its first dot-separated part decodes
 * to a JSON object naming an "alg" or "typ". A random opaque token never does; a broken JWT still does.
 */
export function looksLikeJwt(token: string): boolean {
  const first = token.split('.')[0] ?? '';
  if (!token.includes('.') || !/^[A-Za-z0-9_-]+$/.test(first)) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(first, 'base64url').toString('utf8'));
    return header !== null && typeof header === 'object' && ('alg' in header || 'typ' in header);
  } catch {
    return false;
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The token re-headed as unsigned (RFC 7519 §6: alg "none", empty signature), payload unchanged. */
export function unsignedCopy(token: string, header: ProtectedHeaderParameters): string {
  const payload = token.split('.')[1] ?? '';
  return `${b64({ ...header, alg: 'none' })}.${payload}.`;
}

/** The token with its signature removed, header and payload unchanged. */
export function strippedCopy(token: string): string {
  return `${token.slice(0, token.lastIndexOf('.'))}.`;
}
