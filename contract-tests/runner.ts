// The one runner both front ends (CLI and vitest) use. Pure apart from the `fetch` passed in:
// no globals, no process, no console.
import { type Api, loadApi } from './api.ts';
import { type CheckId, selectChecks } from './checks/index.ts';
import { createProbes } from './probes.ts';
import { redactDeep, type Secrets, tokensIn } from './redact.ts';
import { createTransport, type Exchange, type Fetch } from './transport.ts';
import type { Check, CheckContext, Level, Outcome, Problem } from './types.ts';
import { createValidators, type Validators } from './validators.ts';

export const defaults = {
  timeoutMs: 5000,
  /** Cap on the whole run; with the breaker, a hanging server costs about two timeouts, not this. */
  runTimeoutMs: 45_000,
};

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
  fetch: Fetch;
  only?: readonly CheckId[];
  skip?: readonly CheckId[];
  now?: () => number;
  /** Called as each check finishes (the console prints as it goes). */
  onResult?: (result: CheckResult) => void;
  api?: Api;
}

/** pass; fail (a violation); warn (an inferred check failed in a non-strict run); skip (nothing to judge). */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip';

export interface RequestSummary {
  label: string;
  method: string;
  path: string;
  status?: number;
  contentType?: string;
  failure?: string;
  durationMs: number;
}

export interface CheckResult {
  id: string;
  title: string;
  level: Level;
  rationale: string;
  verdict: Verdict;
  problems: Problem[];
  /** Why a check was skipped, or a remark on a pass. */
  note?: string;
  durationMs: number;
  /** Requests this check sent itself (shared requests are listed under the check that sent them). */
  requests: RequestSummary[];
}

export interface Summary {
  passed: number;
  failed: number;
  warnings: number;
  skipped: number;
}

export interface RunReport {
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  strict: boolean;
  timeoutMs: number;
  conforms: boolean;
  summary: Summary;
  results: CheckResult[];
}

export type RunOutcome = { kind: 'report'; report: RunReport } | { kind: 'unreachable'; message: string };

export interface Session {
  runCheck(check: Check): Promise<CheckResult>;
  /** Set once the first request found nobody listening: every further check is pointless. */
  unreachable(): string | undefined;
  readonly log: readonly Exchange[];
}

export function summarize(exchange: Exchange): RequestSummary {
  const { label, method, path } = exchange.request;
  const response = exchange.response;
  return {
    label,
    method,
    path,
    ...(response ? { status: response.status } : {}),
    ...(response?.headers['content-type'] ? { contentType: response.headers['content-type'] } : {}),
    ...(exchange.failure ? { failure: exchange.failure.message } : {}),
    durationMs: exchange.durationMs,
  };
}

export function summaryOf(results: readonly CheckResult[]): Summary {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  return { passed: count('pass'), failed: count('fail'), warnings: count('warn'), skipped: count('skip') };
}

export function createSession(options: RunOptions): Session {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const api = options.api ?? loadApi();
  const validators: Validators = createValidators(api);
  const transport = createTransport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeoutMs,
    deadline: now() + (options.runTimeoutMs ?? defaults.runTimeoutMs),
    now,
  });
  const probes = createProbes(api, options, transport.send);
  const ctx: CheckContext = {
    api,
    validators,
    user: options.user,
    password: options.password,
    timeoutMs,
    send: transport.send,
    probes,
    log: transport.log,
  };

  const secrets = (): Secrets => ({
    passwords: [options.password],
    tokens: transport.log.flatMap((e) => (e.response?.json.ok ? tokensIn(e.response.json.value) : [])),
  });

  const unreachable = () => {
    const first = transport.log[0];
    return first?.failure?.kind === 'unreachable'
      ? `${transport.url('')} is unreachable: ${first.failure.message}`
      : undefined;
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
    const verdict: Verdict =
      outcome.status === 'fail' ? (check.level === 'inferred' && !options.strict ? 'warn' : 'fail') : outcome.status;
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

  return { runCheck, unreachable, log: transport.log };
}

/** Runs the selected checks one after another and reports; stops early when the server is unreachable. */
export async function runContract(options: RunOptions): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const session = createSession(options);
  const results: CheckResult[] = [];
  for (const check of selectChecks(options.only, options.skip)) {
    const result = await session.runCheck(check);
    const unreachable = session.unreachable();
    if (unreachable) return { kind: 'unreachable', message: unreachable };
    results.push(result);
    options.onResult?.(result);
  }
  const summary = summaryOf(results);
  return {
    kind: 'report',
    report: {
      baseUrl: options.baseUrl,
      startedAt: new Date(started).toISOString(),
      durationMs: now() - started,
      strict: options.strict ?? false,
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
      conforms: summary.failed === 0,
      summary,
      results,
    },
  };
}
