// The budget of the generated and property checks: how many requests they may send together
// (`--budget`) and how much of the run's time they may take, so the checks after them still run
// within --run-timeout-ms. A request answered with a rate limit and sent again counts twice.
import type { Exchange, RequestSpec } from './exchange.ts';

export interface Budget {
  /** Requests the generated and property checks may send in all. */
  readonly limit: number;
  spent(): number;
  /** Whether `n` more requests fit, in number and in time. */
  allows(n?: number): boolean;
  /** Why no more fit, in plain words (for a skip or a note). */
  exhausted(): string;
  charge(exchange: Exchange): void;
}

export interface BudgetOptions {
  limit: number;
  /** Time left in the run, in ms (unbounded when absent). */
  remainingMs?: () => number;
  /** Time kept back for the checks that follow, in ms. */
  reserveMs?: number;
}

export function createBudget(options: BudgetOptions): Budget {
  let spent = 0;
  const outOfTime = () => (options.remainingMs?.() ?? Number.POSITIVE_INFINITY) <= (options.reserveMs ?? 0);
  return {
    limit: options.limit,
    spent: () => spent,
    allows: (n = 1) => spent + n <= options.limit && !outOfTime(),
    exhausted: () =>
      outOfTime()
        ? `the run's time for generated requests is used up (${spent} sent)`
        : `the request budget is spent (${spent} of --budget ${options.limit})`,
    charge: (exchange) => {
      spent += exchange.retried ? 2 : 1;
    },
  };
}

/** Sends within the budget: undefined (nothing sent) once the budget or the time share is spent. */
export async function sendWithin(
  ctx: { budget?: Budget | undefined; send: (spec: RequestSpec) => Promise<Exchange> },
  spec: RequestSpec,
): Promise<Exchange | undefined> {
  if (!ctx.budget) return ctx.send(spec);
  if (!ctx.budget.allows()) return undefined;
  const exchange = await ctx.send(spec);
  ctx.budget.charge(exchange);
  return exchange;
}
