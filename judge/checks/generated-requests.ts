import type { Budget } from '../budget.ts';
import { sendWithin } from '../budget.ts';
import type { Exchange } from '../exchange.ts';
import { expectationOf, type GeneratedCase, generateCases, toRequest } from '../generate/cases.ts';
import { curlLine } from '../generate/curl.ts';
import { type Broken, judgeGenerated, type Violation } from '../generate/invariants.ts';
import { shrink } from '../generate/shrink.ts';
import { type CheckContext, defineCheck, type Problem, pass, skip, verdict } from '../types.ts';

/** Requests kept back from generating for shrinking failures. */
const shrinkReserve = 24;
/** Distinct broken invariants reported (each with its first failure shrunk). */
const maxReported = 4;

interface Failure {
  index: number;
  c: GeneratedCase;
  broken: Broken;
  exchange: Exchange;
}

const shrinkable = new Set<Violation>(['server-error', 'tokens', 'not-a-refusal']);

function elapsed(log: readonly Exchange[]): number {
  const first = log[0];
  const last = log.at(-1);
  return first && last ? last.startedAt + last.durationMs - first.startedAt : 0;
}

async function shrunkProblem(ctx: CheckContext, failure: Failure, seed: number): Promise<Problem> {
  const known = { user: ctx.user, password: ctx.password };
  const expectation = expectationOf(ctx.api, failure.c, known);
  let smallest = failure.c;
  let steps = 0;
  let exchange = failure.exchange;
  let problem = failure.broken.problem;
  if (shrinkable.has(failure.broken.kind) && ctx.budget) {
    const budget: Budget = ctx.budget;
    const result = await shrink(
      failure.c,
      async (candidate) => {
        if (expectationOf(ctx.api, candidate, known) !== expectation) return false;
        if (!budget.allows()) return 'stop';
        const sent = await sendWithin(ctx, toRequest(ctx.api, candidate));
        if (!sent || sent.failure?.kind === 'not-sent') return 'stop';
        const broken = judgeGenerated(sent, ctx.api, expectation);
        if (broken?.kind !== failure.broken.kind) return false;
        exchange = sent;
        problem = broken.problem;
        return true;
      },
      shrinkReserve,
    );
    smallest = result.smallest;
    steps = result.steps;
  }
  const request = toRequest(ctx.api, smallest);
  const url = ctx.urlOf?.(request.path) ?? request.path;
  return {
    ...problem,
    summary: `${problem.summary} Generated request #${failure.index + 1} of seed ${seed}${steps > 0 ? `, shrunk in ${steps} step${steps === 1 ? '' : 's'} to the request shown` : ''}.`,
    request: problem.request ?? exchange.request.label,
    reproduce: `${curlLine(url, request)}   (or: --seed ${seed})`,
  };
}

export const generatedRequests = defineCheck({
  id: 'generated-requests',
  title:
    'Requests generated from the spec get no server error, no hang, a clear refusal and no tokens without the exact credentials',
  level: 'robustness',
  rationale:
    'Hand-written checks catch the faults they were written for; requests generated from the schema (every JSON type and kind of string in every field, malformed bodies, wrong media types, other methods) find the rest.',
  run: async (ctx) => {
    const seed = ctx.seed ?? 0;
    const known = { user: ctx.user, password: ctx.password };
    const failures: Failure[] = [];
    const mine: Exchange[] = [];
    let stopped: string | undefined;
    let index = 0;
    let timeouts = 0;
    for (const c of generateCases(ctx.api, known, seed)) {
      // Room is kept for shrinking the failures found.
      if (ctx.budget && !ctx.budget.allows(1 + shrinkReserve)) {
        stopped = ctx.budget.allows()
          ? `the budget is spent (${ctx.budget.spent()} of --budget ${ctx.budget.limit} sent, ${shrinkReserve} kept for shrinking failures)`
          : ctx.budget.exhausted();
        break;
      }
      const exchange = await sendWithin(ctx, toRequest(ctx.api, c));
      if (!exchange || exchange.failure?.kind === 'not-sent') {
        stopped = exchange?.failure?.message ?? ctx.budget?.exhausted();
        break;
      }
      mine.push(exchange);
      const broken = judgeGenerated(exchange, ctx.api, expectationOf(ctx.api, c, known));
      if (broken) failures.push({ index, c, broken, exchange });
      index++;
      if (exchange.failure?.kind === 'timeout' && ++timeouts >= 2) {
        stopped = 'two generated requests got no answer in time';
        break;
      }
      if (exchange.failure?.kind === 'unreachable') {
        stopped = 'the server stopped accepting connections';
        break;
      }
    }
    if (mine.length === 0) return skip(`no request was generated: ${stopped ?? 'the budget is 0'}`);
    const figures = `${mine.length} generated requests (seed ${seed}) in ${(elapsed(mine) / 1000).toFixed(1)} s${stopped ? `; stopped: ${stopped}` : ''}`;
    if (failures.length === 0) return pass(figures);

    const byKind = new Map<Violation, Failure[]>();
    for (const f of failures) byKind.set(f.broken.kind, [...(byKind.get(f.broken.kind) ?? []), f]);
    const problems: Problem[] = [];
    for (const group of [...byKind.values()].slice(0, maxReported)) {
      const first = group[0] as Failure;
      const problem = await shrunkProblem(ctx, first, seed);
      const others = group.slice(1).map((f) => `"${f.c.label}"`);
      problems.push(
        others.length === 0
          ? problem
          : {
              ...problem,
              summary: `${problem.summary} ${others.length} more broke the same rule: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : '.'}`,
            },
      );
    }
    const [head, ...rest] = problems as [Problem, ...Problem[]];
    return verdict([{ ...head, summary: `${head.summary} (${figures}.)` }, ...rest]);
  },
});
