import { decodeToken } from '../jwt.ts';
import { defineCheck, skip, verdict } from '../types.ts';

export const tokensAreJwts = defineCheck({
  id: 'tokens-are-jwts',
  title: 'The access and refresh tokens are signed JWTs',
  level: 'inferred',
  rationale:
    'The docs\' example tokens start with a JWT header ({"typ":"JWT","alg":"HS256"}); clients may decode them.',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    if (!issued.ok) return skip(`no tokens to inspect: ${issued.reason}`);
    const problems = [];
    for (const [field, token] of [
      [ctx.api.tokens.access, issued.access],
      [ctx.api.tokens.refresh, issued.refresh],
    ] as const) {
      if (token === undefined) continue; // login-success names the missing field
      const decoded = decodeToken(token);
      if (!decoded.ok) {
        problems.push({
          summary: `${field.pointer} is not a signed JWT: ${decoded.reason}.`,
          expected: 'header.payload.signature, base64url JSON header with "alg", JSON payload',
          actual: decoded.reason,
          pointer: field.pointer,
        });
      }
    }
    return verdict(problems);
  },
});
