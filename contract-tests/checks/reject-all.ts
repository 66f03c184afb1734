// Shared by the robustness checks that send several bad requests: each must be a clear rejection.
import { judgeRejection } from '../judge.ts';
import type { RequestSpec } from '../transport.ts';
import { type CheckContext, type Outcome, verdict } from '../types.ts';

export async function rejectsAll(
  ctx: CheckContext,
  requests: RequestSpec[],
  sentTokens: string[] = [],
): Promise<Outcome> {
  const problems = [];
  // One at a time: a real server may rate-limit, and a hang on one must not hide the others' results.
  for (const request of requests) {
    const problem = judgeRejection(await ctx.send(request), ctx.api, sentTokens);
    if (problem) problems.push(problem);
  }
  return verdict(problems);
}
