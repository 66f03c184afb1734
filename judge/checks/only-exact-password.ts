import { sendWithin } from '../budget.ts';
import { nearMissPasswords } from '../generate/near-miss.ts';
import { judgeRejection } from '../judge.ts';
import { jsonRequest } from '../probes.ts';
import { defineCheck, type Problem, pass, skip, verdict } from '../types.ts';

export const onlyExactPassword = defineCheck({
  id: 'only-exact-password',
  title: 'Only the exact password opens the account: near-miss passwords are refused',
  level: 'robustness',
  rationale:
    'A server that compares loosely (letter case, a prefix, trimmed, cut at a hash limit, Unicode-normalised, stopped at a NUL) accepts passwords that are not the password.',
  run: async (ctx) => {
    const misses = nearMissPasswords(ctx.password);
    // The derived values are as secret as the password: no output may show them.
    ctx.addSecrets?.(misses.map((m) => m.value));
    const problems: Problem[] = [];
    let sent = 0;
    for (const miss of misses) {
      const spec = jsonRequest(
        ctx.api.login,
        { [ctx.api.fields.user]: ctx.user, [ctx.api.fields.password]: miss.value },
        `login with the password ${miss.label}`,
      );
      const exchange = await sendWithin(ctx, spec);
      if (!exchange) break;
      if (exchange.failure?.kind === 'not-sent') break;
      sent++;
      const problem = judgeRejection(exchange, ctx.api);
      if (problem) problems.push(problem);
    }
    if (sent === 0) return skip(`no near-miss password was sent: ${ctx.budget?.exhausted() ?? 'nothing to send'}`);
    if (problems.length > 5) {
      const rest = problems.slice(5).map((p) => p.summary.split('"')[1]);
      return verdict([
        ...problems.slice(0, 5),
        { summary: `${rest.length} more near-miss passwords were not refused: ${rest.join('; ')}.` },
      ]);
    }
    if (problems.length > 0) return verdict(problems);
    return pass(
      `${sent} near-miss passwords refused${sent < misses.length ? ` (${misses.length - sent} not sent: ${ctx.budget?.exhausted()})` : ''}`,
    );
  },
});
