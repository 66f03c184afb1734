import { decodeToken, strippedCopy, unsignedCopy } from '../jwt.ts';
import { jsonRequest } from '../probes.ts';
import { isOutcome, jwtsToJudge } from '../token-format.ts';
import { defineCheck, skip } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const unsignedRefreshRejected = defineCheck({
  id: 'unsigned-refresh-rejected',
  title: 'Refresh with an unsigned copy of the issued refresh token (alg none, no signature) is refused',
  level: 'inferred',
  rationale:
    'RFC 8725 §2.1 and §3.1: a server that accepts "alg": "none" or a missing signature lets anyone mint tokens.',
  run: async (ctx) => {
    const tokens = await jwtsToJudge(ctx);
    if (isOutcome(tokens)) return tokens;
    const refresh = tokens.find((t) => t.field === ctx.api.tokens.refresh)?.token;
    const decoded = refresh === undefined ? undefined : decodeToken(refresh);
    if (!refresh || !decoded?.ok) return skip('login handed out no signed JWT refresh token (see tokens-are-jwts)');
    const field = ctx.api.fields.refreshToken;
    const forged = [unsignedCopy(refresh, decoded.header), strippedCopy(refresh)];
    return rejectsAll(
      ctx,
      [
        jsonRequest(
          ctx.api.refresh,
          { [field]: forged[0] },
          'refresh with the issued refresh token re-headed as unsigned ("alg": "none", empty signature)',
        ),
        jsonRequest(
          ctx.api.refresh,
          { [field]: forged[1] },
          'refresh with the issued refresh token, signature removed',
        ),
      ],
      forged,
    );
  },
});
