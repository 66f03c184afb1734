import { jsonRequest } from '../probes.ts';
import { defineCheck, skip } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The token with one character changed: in the middle of a JWT's signature (the last character of
 * base64url may only carry padding bits, so it is avoided), else in the middle of the token.
 */
export function tamper(token: string): string {
  const lastDot = token.lastIndexOf('.');
  const start = lastDot >= 0 && token.length - lastDot > 4 ? lastDot + 1 : 0;
  const at = start + Math.floor((token.length - start) / 2);
  const old = token[at] ?? 'A';
  const index = alphabet.indexOf(old);
  const replacement = alphabet[(index + 1) % alphabet.length] ?? 'B';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

export const tamperedRefreshRejected = defineCheck({
  id: 'tampered-refresh-rejected',
  title: 'Refresh with an altered copy of the issued refresh token is refused',
  level: 'robustness',
  rationale: 'A server that accepts a token with a changed character does not verify its tokens.',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    if (!issued.ok || !issued.refresh) return skip('login handed out no refresh token to alter (see login-success)');
    const forged = tamper(issued.refresh);
    return rejectsAll(
      ctx,
      [
        jsonRequest(
          ctx.api.refresh,
          { [ctx.api.fields.refreshToken]: forged },
          'refresh with an altered refresh token',
        ),
      ],
      [forged],
    );
  },
});
