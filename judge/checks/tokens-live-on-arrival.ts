import { describeRequest } from '../judge.ts';
import { decodeToken } from '../jwt.ts';
import { isOutcome, jwtsToJudge } from '../token-format.ts';
import { defineCheck, type Problem, skip, verdict } from '../types.ts';

/** How far the server's clock may differ from ours before a time claim counts as wrong (RFC 7519 §4.1.4 "leeway"). */
export const clockSkewSeconds = 60;

const at = (seconds: number) => `${new Date(seconds * 1000).toISOString()} (${seconds})`;

export const tokensLiveOnArrival = defineCheck({
  id: 'tokens-live-on-arrival',
  title: "Each JWT's exp lies ahead and its iat/nbf not ahead when the answer arrives",
  level: 'inferred',
  rationale:
    'RFC 7519 §4.1.4–4.1.6: a token already expired on arrival (a server clock far behind) or not yet valid is useless.',
  run: async (ctx) => {
    const tokens = await jwtsToJudge(ctx);
    if (isOutcome(tokens)) return tokens;
    const issued = await ctx.probes.tokens();
    if (!issued.ok) return skip(`no tokens to inspect: ${issued.reason}`);
    // Our clock when the answer came in: what a client compares the claims with.
    const received = Math.floor((issued.exchange.startedAt + issued.exchange.durationMs) / 1000);
    const problems: Problem[] = [];
    let checked = 0;
    for (const { field, token } of tokens) {
      const decoded = decodeToken(token);
      if (!decoded.ok) continue; // tokens-are-jwts names it
      checked++;
      const { exp, iat, nbf } = decoded.payload;
      const base = { pointer: field.pointer, request: describeRequest(issued.exchange) };
      if (typeof exp === 'number' && exp <= received - clockSkewSeconds) {
        problems.push({
          ...base,
          summary: `${field.pointer} had already expired when the answer arrived: exp is ${received - exp} s in the past (is the server's clock behind?).`,
          expected: `exp after ${at(received)}, less ${clockSkewSeconds} s allowed clock skew`,
          actual: `exp = ${at(exp)}`,
        });
      }
      for (const [claim, value] of [
        ['iat', iat],
        ['nbf', nbf],
      ] as const) {
        if (typeof value === 'number' && value > received + clockSkewSeconds) {
          problems.push({
            ...base,
            summary: `${field.pointer} claims "${claim}" ${value - received} s in the future when the answer arrived (is the server's clock ahead?).`,
            expected: `${claim} at or before ${at(received)}, plus ${clockSkewSeconds} s allowed clock skew`,
            actual: `${claim} = ${at(value)}`,
          });
        }
      }
    }
    if (checked === 0) return skip('no decodable JWT to inspect (see tokens-are-jwts)');
    return verdict(problems);
  },
});
