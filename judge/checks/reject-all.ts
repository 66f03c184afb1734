// Shared by the robustness checks that send several bad requests: each must be a clear rejection.

import type { Exchange, RequestSpec } from '../exchange.ts';
import { judgeRejection } from '../judge.ts';
import { type CheckContext, type Outcome, type Problem, verdict } from '../types.ts';

/** Requests the transport did not send (the server had stopped answering) as one problem, not one each. */
export function notSent(exchanges: Exchange[], expected: string): Problem[] {
  const skipped = exchanges.filter((e) => e.failure?.kind === 'not-sent');
  const first = skipped[0];
  if (!first) return [];
  const labels = skipped.map((e) => `"${e.request.label}"`);
  return [
    {
      summary: `${skipped.length === 1 ? `${labels[0]} was` : `${skipped.length} requests were`} ${first.failure?.message}.`,
      expected,
      actual: `not sent: ${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ` and ${labels.length - 5} more` : ''}`,
    },
  ];
}

export async function rejectsAll(
  ctx: CheckContext,
  requests: RequestSpec[],
  sentTokens: string[] = [],
): Promise<Outcome> {
  const problems: Problem[] = [];
  const unsent: Exchange[] = [];
  // One at a time: a real server may rate-limit, and a hang on one must not hide the others' results.
  for (const request of requests) {
    const exchange = await ctx.send(request);
    if (exchange.failure?.kind === 'not-sent') {
      unsent.push(exchange);
      continue;
    }
    const problem = judgeRejection(exchange, ctx.api, sentTokens);
    if (problem) problems.push(problem);
  }
  return verdict([...problems, ...notSent(unsent, 'a clear rejection of each request')]);
}
