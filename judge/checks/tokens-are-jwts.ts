import { decodeToken } from '../jwt.ts';
import { isOutcome, jwtsToJudge } from '../token-format.ts';
import { defineCheck, type Problem, verdict } from '../types.ts';

export const tokensAreJwts = defineCheck({
  id: 'tokens-are-jwts',
  title: 'Tokens that are JWTs are well-formed and signed',
  level: 'inferred',
  rationale:
    'The docs\' example tokens start with a JWT header ({"typ":"JWT","alg":"HS256"}); opaque tokens are allowed unless --tokens jwt.',
  bindingWithJwtTokens: true,
  run: async (ctx) => {
    const tokens = await jwtsToJudge(ctx);
    if (isOutcome(tokens)) return tokens;
    const problems: Problem[] = [];
    for (const { field, token } of tokens) {
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
