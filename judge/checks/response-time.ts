import { describeRequest } from '../judge.ts';
import { defineCheck, fail, pass } from '../types.ts';
import { notSent } from './reject-all.ts';

export const responseTime = defineCheck({
  id: 'response-time',
  title: 'Every request of the run was answered within the time limit',
  level: 'robustness',
  rationale: 'A client waiting forever is worse than an error; every answer must come within --timeout-ms.',
  run: async (ctx) => {
    // Runs last and reviews the whole run; alone (--only) it times one login.
    if (ctx.log.length === 0) await ctx.probes.validLogin();
    const late = ctx.log.filter((e) => e.failure?.kind === 'timeout');
    const unsent = notSent([...ctx.log], `an answer within ${ctx.timeoutMs} ms`);
    if (late.length === 0 && unsent.length === 0) {
      const slowest = Math.max(...ctx.log.map((e) => e.durationMs));
      return pass(`${ctx.log.length} requests, slowest answer ${slowest} ms`);
    }
    return fail(
      ...late.map((e) => ({
        summary: `"${e.request.label}" got ${e.failure?.message}.`,
        request: describeRequest(e),
        expected: `an answer within ${ctx.timeoutMs} ms`,
        actual: e.failure?.message ?? 'no answer',
      })),
      ...unsent,
    );
  },
});
