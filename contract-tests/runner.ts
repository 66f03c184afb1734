// The one runner both front ends (CLI and vitest) use. Pure apart from the `fetch` passed in:
// no globals, no process, no console.
import { type Api, loadApi } from '../judge/api.ts';
import { createBudget } from '../judge/budget.ts';
import { credentialsRefused, gatewayRefuses, nothingAtPaths } from '../judge/cannot-judge.ts';
import { type CheckId, selectChecks } from '../judge/checks/index.ts';
import { rawRequest } from '../judge/probes.ts';
import { redactDeep, type Secrets, tokensIn } from '../judge/redact.ts';
import type { TokenFormat } from '../judge/token-format.ts';
import type { Check, CheckContext, Outcome } from '../judge/types.ts';
import { createValidators, type Validators } from '../judge/validators.ts';
import { type CheckResult, type RunReport, summarize, summaryOf, type Verdict } from '../judge/verdicts.ts';
import { defaults, randomSeed } from './defaults.ts';
import { createProbes } from './probes.ts';
import { createTransport, type Exchange, type Fetch, type RequestSpec } from './transport.ts';

export type { CheckResult, RequestSummary, RunReport, Summary, Verdict } from '../judge/verdicts.ts';
export { defaults, summarize, summaryOf };

export interface RunOptions {
  baseUrl: string;
  user: string;
  password: string;
  /** Per-request limit. */
  timeoutMs?: number;
  /** Limit for the whole run; requests after it are not sent (and fail). */
  runTimeoutMs?: number;
  /** Inferred checks fail instead of warn. */
  strict?: boolean;
  /** Token format the JWT checks expect (default auto: detected from the tokens). */
  tokens?: TokenFormat;
  /** Sent with every request (gateway keys …). */
  headers?: Record<string, string>;
  /** More values to redact (credential-like header values). */
  secrets?: string[];
  /** Minimum gap between two requests, in ms. */
  paceMs?: number;
  /** Seed of the generated requests (default: a random one, in the report's notes). */
  seed?: number;
  /** Most requests the generated and property checks send together. */
  budget?: number;
  fetch: Fetch;
  only?: readonly CheckId[];
  skip?: readonly CheckId[];
  now?: () => number;
  /** Called as each check finishes (the console prints as it goes). */
  onResult?: (result: CheckResult) => void;
  api?: Api;
}

/**
 * report: the server was judged. unreachable / cannot-judge: it could not be (nobody listening; the
 * credentials refused; nothing at the documented paths); the report then holds the reason and
 * the checks that ran before the run stopped.
 */
export type RunOutcome = (
  | { kind: 'report'; report: RunReport }
  | { kind: 'unreachable' | 'cannot-judge'; message: string; report: RunReport }
) & {
  /** Every exchange of the run, unredacted: for pairing with another run, never for output. */
  log: readonly Exchange[];
};

export interface Session {
  runCheck(check: Check): Promise<CheckResult>;
  /** Set once the first request found nobody listening: every further check is pointless. */
  unreachable(): string | undefined;
  /**
   * Why the run cannot judge the server, once that is known: unreachable, the credentials refused,
   * or nothing at the documented paths. `complete` says no more checks will run.
   */
  cannotJudge(complete?: boolean): string | undefined;
  /** After refused credentials: one malformed request tells a gateway refusing everything from a wrong password. */
  gatewayRefuses(): Promise<string | undefined>;
  readonly log: readonly Exchange[];
}

/** Sent only after the credentials were refused: tells a gateway refusing everything from a wrong password. */
export function gatewayProbe(api: Api): RequestSpec {
  return rawRequest(
    api.login,
    '{',
    api.login.requestMediaType,
    'login with a body that is not JSON (is a gateway refusing everything?)',
  );
}

export function createSession(options: RunOptions): Session {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const api = options.api ?? loadApi();
  const validators: Validators = createValidators(api);
  const deadline = now() + (options.runTimeoutMs ?? defaults.runTimeoutMs);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeoutMs,
    deadline,
    now,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.paceMs ? { paceMs: options.paceMs } : {}),
  });
  const probes = createProbes(api, options, transport.send);
  const derivedSecrets: string[] = [];
  const ctx: CheckContext = {
    api,
    validators,
    user: options.user,
    password: options.password,
    timeoutMs,
    send: transport.send,
    probes,
    log: transport.log,
    tokenFormat: options.tokens ?? 'auto',
    seed: options.seed ?? randomSeed(),
    budget: createBudget({
      limit: options.budget ?? defaults.budget,
      remainingMs: () => deadline - now(),
      // The checks after the generated ones still need their time: a few answers' worth, and
      // never more than a third of a short run.
      reserveMs: Math.min(15_000, 2 * timeoutMs + 5000, (options.runTimeoutMs ?? defaults.runTimeoutMs) / 3),
    }),
    addSecrets: (values) => derivedSecrets.push(...values.filter((v) => v.length >= 3)),
    urlOf: transport.url,
  };

  // The log only grows: each answer is searched for tokens once, not once per check (a large
  // answer searched by every check made the run quadratic).
  const tokens = new Set<string>();
  let searched = 0;
  const secrets = (): Secrets => {
    for (; searched < transport.log.length; searched++) {
      const e = transport.log[searched];
      if (e?.response?.json.ok) for (const token of tokensIn(e.response.json.value)) tokens.add(token);
    }
    return {
      passwords: [options.password, ...(options.secrets ?? []), ...derivedSecrets],
      tokens: [...tokens],
      users: [options.user],
    };
  };

  const unreachable = () => {
    const first = transport.log[0];
    return first?.failure?.kind === 'unreachable'
      ? `${transport.url('')} is unreachable: ${first.failure.message}`
      : undefined;
  };

  const cannotJudge = (complete = false) => {
    const why =
      unreachable() ??
      nothingAtPaths(transport.log, api, options.baseUrl, complete) ??
      credentialsRefused(probes.sentValidLogin(), api);
    return why === undefined ? undefined : redactDeep(why, secrets());
  };

  async function runCheck(check: Check): Promise<CheckResult> {
    const started = now();
    const before = transport.log.length;
    let outcome: Outcome;
    try {
      outcome = await check.run(ctx);
    } catch (error) {
      outcome = {
        status: 'fail',
        problems: [{ summary: `The check itself failed unexpectedly: ${(error as Error)?.stack ?? String(error)}` }],
      };
    }
    const binding =
      check.level !== 'inferred' || options.strict || (check.bindingWithJwtTokens && options.tokens === 'jwt');
    const verdict: Verdict = outcome.status === 'fail' ? (binding ? 'fail' : 'warn') : outcome.status;
    const note = outcome.status === 'skip' ? outcome.reason : outcome.status === 'pass' ? outcome.note : undefined;
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      level: check.level,
      rationale: check.rationale,
      verdict,
      problems: outcome.status === 'fail' ? outcome.problems : [],
      ...(note ? { note } : {}),
      durationMs: now() - started,
      requests: transport.log.slice(before).map(summarize),
    };
    return redactDeep(result, secrets());
  }

  const checkGateway = async () => {
    const malformed = await transport.send(gatewayProbe(api));
    const why = gatewayRefuses(probes.sentValidLogin(), malformed);
    return why === undefined ? undefined : redactDeep(why, secrets());
  };

  return { runCheck, unreachable, cannotJudge, gatewayRefuses: checkGateway, log: transport.log };
}

/** Runs the selected checks one after another and reports; stops early when there is nothing to judge. */
export async function runContract(options: RunOptions): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const session = createSession(options);
  const results: CheckResult[] = [];
  const reportWith = (cannotJudge?: string): RunReport => {
    const summary = summaryOf(results);
    return {
      baseUrl: options.baseUrl,
      startedAt: new Date(started).toISOString(),
      durationMs: now() - started,
      strict: options.strict ?? false,
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
      conforms: cannotJudge === undefined && summary.failed === 0,
      ...(cannotJudge === undefined ? {} : { cannotJudge }),
      summary,
      results,
    };
  };
  const stop = (message: string): RunOutcome => ({
    kind: session.unreachable() ? 'unreachable' : 'cannot-judge',
    message,
    report: reportWith(message),
    log: session.log,
  });
  for (const check of selectChecks(options.only, options.skip)) {
    const result = await session.runCheck(check);
    const why = session.cannotJudge();
    // The check that found out is left out: its failure is the reason, not a violation.
    if (why?.startsWith('the server refused the given credentials'))
      return stop((await session.gatewayRefuses()) ?? why);
    if (why) return stop(why);
    results.push(result);
    options.onResult?.(result);
  }
  const why = session.cannotJudge(true);
  if (why) return stop(why);
  return { kind: 'report', report: reportWith(), log: session.log };
}
