import { getPointer } from '../../common/json-pointer.ts';
import { decodeToken } from '../jwt.ts';
import { isOutcome, jwtsToJudge } from '../token-format.ts';
import { defineCheck, type Problem, skip, verdict } from '../types.ts';

/** Seconds a token's `exp` may differ from "issued at + *_expires_in" (clock skew, slow answers). */
export const expiryToleranceSeconds = 60;

export const tokenExpiryMatches = defineCheck({
  id: 'token-expiry-matches',
  title: "Each JWT's exp matches the *_expires_in the login answer announces",
  level: 'inferred',
  rationale: 'Clients schedule refreshes from *_expires_in; a token that expires at another time breaks them.',
  run: async (ctx) => {
    const tokens = await jwtsToJudge(ctx);
    if (isOutcome(tokens)) return tokens;
    const issued = await ctx.probes.tokens();
    if (!issued.ok) return skip(`no tokens to inspect: ${issued.reason}`);
    const response = issued.exchange.response;
    const body = response?.json.ok ? response.json.value : undefined;
    // Issue time, best first: the token's iat, the server's Date header, our own clock.
    const serverDate = Date.parse(response?.headers.date ?? '');
    const fallbackNow = Number.isNaN(serverDate) ? issued.exchange.startedAt / 1000 : serverDate / 1000;
    const problems: Problem[] = [];
    let checked = 0;
    for (const { field, token } of tokens) {
      const decoded = decodeToken(token);
      const expiresIn = getPointer(body, field.expiresInPointer);
      if (!decoded.ok || typeof expiresIn !== 'number') continue;
      checked++;
      const { exp, iat } = decoded.payload;
      if (typeof exp !== 'number') {
        problems.push({
          summary: `${field.pointer} has no numeric "exp" claim, so its lifetime cannot be checked against ${field.expiresInPointer}.`,
          expected: `"exp" ≈ issue time + ${expiresIn} s`,
          actual: `exp = ${JSON.stringify(exp)}`,
          pointer: field.pointer,
        });
        continue;
      }
      const issuedAt = typeof iat === 'number' ? iat : fallbackNow;
      const lifetime = Math.round(exp - issuedAt);
      if (Math.abs(lifetime - expiresIn) > expiryToleranceSeconds) {
        problems.push({
          summary: `${field.pointer} expires ${lifetime} s after it was issued, but ${field.expiresInPointer} says ${expiresIn} s.`,
          expected: `exp − ${typeof iat === 'number' ? 'iat' : 'issue time'} = ${expiresIn} s (± ${expiryToleranceSeconds} s)`,
          actual: `exp − ${typeof iat === 'number' ? 'iat' : 'issue time'} = ${lifetime} s`,
          pointer: field.pointer,
        });
      }
    }
    if (checked === 0)
      return skip('no JWT with a numeric *_expires_in to compare (see tokens-are-jwts, login-success)');
    return verdict(problems);
  },
});
