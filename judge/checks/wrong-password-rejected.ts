import { judgeRejection } from '../judge.ts';
import { defineCheck, fail, pass } from '../types.ts';

export const wrongPasswordRejected = defineCheck({
  id: 'wrong-password-rejected',
  title: 'A wrong password gets no tokens',
  level: 'robustness',
  rationale:
    'A login that succeeds with any password is no login; the refusal may be a 4xx or HTTP 200 with a non-zero code.',
  run: async (ctx) => {
    const problem = judgeRejection(await ctx.probes.wrongPassword(), ctx.api);
    return problem ? fail(problem) : pass();
  },
});
