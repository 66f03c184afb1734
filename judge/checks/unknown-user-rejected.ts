import { judgeRejection } from '../judge.ts';
import { defineCheck, fail, pass } from '../types.ts';

export const unknownUserRejected = defineCheck({
  id: 'unknown-user-rejected',
  title: 'A user that does not exist gets no tokens',
  level: 'robustness',
  rationale: 'Only known users may log in, even with a password that is valid for someone else.',
  run: async (ctx) => {
    const problem = judgeRejection(await ctx.probes.unknownUser(), ctx.api);
    return problem ? fail(problem) : pass();
  },
});
