// Which tokens the JWT checks may judge. Nothing in the docs requires JWTs, so by default the format
// is detected: opaque tokens make every JWT check "not applicable". `--tokens jwt` makes JWTs a
// requirement (non-JWT tokens fail); `--tokens opaque` turns the JWT checks off.
import type { TokenField } from './api.ts';
import { looksLikeJwt } from './jwt.ts';
import type { IssuedTokens } from './probes.ts';
import { type CheckContext, type Outcome, skip } from './types.ts';

export type { TokenFormat } from './types.ts';
export { tokenFormats } from './types.ts';

export interface IssuedToken {
  field: TokenField;
  token: string;
}

/**
 * The issued tokens a JWT check should judge, or the outcome when there are none: a skip with the
 * reason (no tokens, opaque tokens, `--tokens opaque`). With `--tokens jwt` every token is judged.
 */
export async function jwtsToJudge(ctx: CheckContext): Promise<IssuedToken[] | Outcome> {
  if (ctx.tokenFormat === 'opaque')
    return skip('not applicable: the run was told the tokens are opaque (--tokens opaque)');
  const issued: IssuedTokens = await ctx.probes.tokens();
  if (!issued.ok) return skip(`no tokens to inspect: ${issued.reason}`);
  const all = [
    { field: ctx.api.tokens.access, token: issued.access },
    { field: ctx.api.tokens.refresh, token: issued.refresh },
  ].filter((t): t is IssuedToken => t.token !== undefined);
  if (ctx.tokenFormat === 'jwt') return all;
  const jwts = all.filter((t) => looksLikeJwt(t.token));
  if (jwts.length === 0) {
    return skip(
      'not applicable: the tokens are opaque (not JWTs), which the docs allow; run with --tokens jwt to require JWTs',
    );
  }
  return jwts;
}

export const isOutcome = (value: IssuedToken[] | Outcome): value is Outcome => !Array.isArray(value);
