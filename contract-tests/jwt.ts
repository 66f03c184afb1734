// Reads a token as a JWT without verifying it (the kit has no key): enough to judge its shape and
// whether its `exp` matches the lifetime the login answer announces.
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
