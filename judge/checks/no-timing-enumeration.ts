import { sendWithin } from '../budget.ts';
import type { Exchange } from '../exchange.ts';
import { createRng } from '../generate/prng.ts';
import { jsonRequest } from '../probes.ts';
import { mad, mannWhitneyP, median } from '../stats.ts';
import { defineCheck, fail, pass, skip } from '../types.ts';

/** Pairs sent (one wrong password, one unknown user each), and the least that must be usable. */
export const timingPairs = 16;
const minUsable = 8;
/** Significance: a difference this unlikely by chance (two-sided Mann–Whitney), and large enough to measure. */
export const timingAlpha = 0.001;
const minDifferenceMs = 3;

const usable = (e: Exchange) =>
  e.response !== undefined && e.response.status !== 429 && e.response.status !== 503 && !e.retried;

export const noTimingEnumeration = defineCheck({
  id: 'no-timing-enumeration',
  title: 'A wrong password and an unknown user take the same time to refuse',
  level: 'inferred',
  rationale:
    'A server that checks the password hash only for users that exist answers unknown users faster, which tells an attacker which user names exist (OWASP WSTG-IDNT-04, ASVS 2.2).',
  run: async (ctx) => {
    const { login, fields } = ctx.api;
    const rng = createRng((ctx.seed ?? 0) ^ 0x5eed);
    const made = (prefix: string) => `${prefix}-${rng.int(0xffffffff).toString(36)}${rng.int(0xffffffff).toString(36)}`;
    const wrong: number[] = [];
    const unknown: number[] = [];
    const wrongPassword = made('timing-wrong');
    let sent = 0;
    // Interleaved in a seeded order, so a busy moment or a warming cache falls on both alike.
    for (let pair = 0; pair < timingPairs + 1; pair++) {
      const requests = [
        {
          kind: 'wrong',
          spec: jsonRequest(
            login,
            { [fields.user]: ctx.user, [fields.password]: wrongPassword },
            'timing: login with a wrong password',
          ),
        },
        {
          kind: 'unknown',
          spec: jsonRequest(
            login,
            { [fields.user]: made('timing-nobody'), [fields.password]: wrongPassword },
            'timing: login as a user that does not exist',
          ),
        },
      ];
      let stop = false;
      for (const { kind, spec } of rng.chance(0.5) ? requests : requests.reverse()) {
        const exchange = await sendWithin(ctx, spec);
        if (!exchange || exchange.failure?.kind === 'not-sent') {
          stop = true;
          break;
        }
        sent++;
        // The first pair warms connections and caches; it is not measured.
        if (pair === 0 || !usable(exchange)) continue;
        (kind === 'wrong' ? wrong : unknown).push(exchange.durationMs);
      }
      if (stop) break;
    }
    if (wrong.length < minUsable || unknown.length < minUsable) {
      return skip(
        `too few timed refusals to compare (${wrong.length} and ${unknown.length}; ${minUsable} each needed)${sent === 0 ? `: ${ctx.budget?.exhausted()}` : ''}`,
      );
    }
    const [mWrong, mUnknown] = [median(wrong), median(unknown)];
    const spread = Math.max(mad(wrong), mad(unknown));
    const p = mannWhitneyP(wrong, unknown);
    const difference = mWrong - mUnknown;
    const threshold = Math.max(minDifferenceMs, spread);
    const figures = `medians ${mWrong} ms (wrong password) vs ${mUnknown} ms (unknown user) over ${wrong.length} and ${unknown.length} refusals; spread (MAD) ${spread} ms; Mann–Whitney p = ${p.toPrecision(2)}`;
    if (p < timingAlpha && Math.abs(difference) >= threshold) {
      return fail({
        summary: `A ${difference > 0 ? 'wrong password' : 'unknown user'} is refused ${Math.abs(difference)} ms slower than ${difference > 0 ? 'an unknown user' : 'a wrong password'}, so response times tell which user names exist.`,
        request: 'logins with a wrong password for the given user, interleaved with logins as made-up users',
        expected: `no difference in time: medians within ${threshold} ms of each other, or p ≥ ${timingAlpha}`,
        actual: figures,
      });
    }
    return pass(figures);
  },
});
