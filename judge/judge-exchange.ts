// Judges one recorded exchange against the contract with the kit's own judges and checks: pure
// apart from the clock-free checks it runs, no sockets. The checks that read a login answer
// (login-success, the JWT checks, cache-control-no-store) run unchanged on a context whose
// probes return the recorded exchange instead of sending anything.

import { topLevelMembers } from '../common/bounded-json.ts';
import type { Api } from './api.ts';
import { type CheckId, checks } from './checks/index.ts';
import { judgeRoute } from './checks/route.ts';
import { classifyRequest, type RequestKind } from './classify-request.ts';
import type { Exchange } from './exchange.ts';
import { judgeDocumentedSuccess, judgeRejection, noAnswer } from './judge.ts';
import { recordedProbes } from './probes.ts';
import { redactDeep, type Secrets } from './redact.ts';
import { secretsOf } from './secrets-of.ts';
import { type Check, type CheckContext, fail, type Outcome, type Problem, pass, verdict } from './types.ts';
import type { Validators } from './validators.ts';
import { type CheckResult, summarize, type Verdict } from './verdicts.ts';

export interface JudgeContext {
  api: Api;
  validators: Validators;
  /** Inferred checks fail instead of warn. */
  strict: boolean;
  /** The proxy's limit for an answer (named in timeout problems). */
  timeoutMs: number;
}

export interface Judgement {
  exchange: Exchange;
  kind: RequestKind;
  /**
   * Empty for paths outside the contract (passed through, counted as unknown). Problems and notes
   * quote the traffic: pass them through `redact` before showing them anywhere.
   */
  results: CheckResult[];
  /** Masks this exchange's passwords and tokens (and anything shaped like one) in any value. */
  redact<T>(value: T): T;
}

/** The checks that judge a login answer carrying tokens, each reading only that one answer. */
export const tokenAnswerChecks: readonly CheckId[] = [
  'login-success',
  'tokens-are-jwts',
  'token-expiry-matches',
  'token-type-bearer',
  'cache-control-no-store',
];

function checkById(id: CheckId): Check {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

const rejection = (problem: Problem | undefined): Outcome => (problem ? fail(problem) : pass());

/** A check context over one recorded login: every probe answers with it, nothing is sent. */
function recordedContext(exchange: Exchange, ctx: JudgeContext): CheckContext {
  const body = topLevelMembers(exchange.request.body) ?? {};
  const user = String(body[ctx.api.fields.user] ?? '');
  const password = String(body[ctx.api.fields.password] ?? '');
  const refuse = (): Promise<Exchange> => Promise.reject(new Error('a recorded exchange cannot send requests'));
  return {
    api: ctx.api,
    validators: ctx.validators,
    user,
    password,
    timeoutMs: ctx.timeoutMs,
    send: refuse,
    probes: recordedProbes(exchange, ctx.api),
    log: [exchange],
  };
}

async function runRecorded(check: Check, recorded: CheckContext): Promise<Outcome> {
  try {
    return await check.run(recorded);
  } catch (error) {
    return fail({ summary: `The check itself failed unexpectedly: ${(error as Error)?.message ?? String(error)}` });
  }
}

function toResult(check: Check, outcome: Outcome, exchange: Exchange, strict: boolean): CheckResult {
  const verdictOf: Verdict =
    outcome.status === 'fail' ? (check.level === 'inferred' && !strict ? 'warn' : 'fail') : outcome.status;
  const note = outcome.status === 'skip' ? outcome.reason : outcome.status === 'pass' ? outcome.note : undefined;
  return {
    id: check.id,
    title: check.title,
    level: check.level,
    rationale: check.rationale,
    verdict: verdictOf,
    problems: outcome.status === 'fail' ? outcome.problems : [],
    ...(note ? { note } : {}),
    durationMs: exchange.durationMs,
    requests: [summarize(exchange)],
  };
}

function inTime(exchange: Exchange, timeoutMs: number): Outcome {
  if (exchange.durationMs <= timeoutMs) return pass();
  return fail({
    summary: `"${exchange.request.label}" took ${Math.round(exchange.durationMs)} ms to answer.`,
    expected: `an answer within ${timeoutMs} ms`,
    actual: `${Math.round(exchange.durationMs)} ms`,
  });
}

async function outcomesOf(exchange: Exchange, kind: RequestKind, ctx: JudgeContext): Promise<[Check, Outcome][]> {
  if (kind.kind === 'unknown') return [];
  const { api } = ctx;
  const route = checkById(kind.operation === 'login' ? 'login-route' : 'refresh-route');
  const response = exchange.response;
  if (!response) {
    if (exchange.failure?.kind === 'timeout') {
      return [[checkById('response-time'), fail(noAnswer(exchange, `an answer within ${ctx.timeoutMs} ms`))]];
    }
    return [[route, judgeRoute(exchange)]];
  }
  const routed = judgeRoute(exchange);
  if (routed.status !== 'pass') return [[route, routed]];
  const outcomes: [Check, Outcome][] = [
    [route, routed],
    [checkById('response-time'), inTime(exchange, ctx.timeoutMs)],
  ];
  if (kind.kind === 'bad-input') {
    outcomes.push([checkById(kind.check), rejection(judgeRejection(exchange, api))]);
    return outcomes;
  }
  // A well-formed call may be refused (wrong password, expired token) or succeed: anything a
  // client cannot tell from a refusal is judged as the documented success.
  const status = response.status;
  const refusal = judgeRejection(exchange, api, kind.sentTokens);
  const judgedAsSuccess = status >= 500 || (status >= 300 && status < 400) || (status < 300 && refusal !== undefined);
  if (!judgedAsSuccess) {
    const check = checkById(kind.operation === 'login' ? 'wrong-password-rejected' : 'garbage-refresh-rejected');
    outcomes.push([check, rejection(refusal)]);
  } else if (kind.operation === 'refresh') {
    outcomes.push([
      checkById('refresh-success'),
      verdict(judgeDocumentedSuccess(exchange, api.refresh, ctx.validators.refreshSuccess)),
    ]);
  } else {
    const recorded = recordedContext(exchange, ctx);
    for (const id of tokenAnswerChecks) {
      const check = checkById(id);
      outcomes.push([check, await runRecorded(check, recorded)]);
    }
  }
  return outcomes;
}

export async function judgeExchange(recorded: Exchange, ctx: JudgeContext): Promise<Judgement> {
  const kind = classifyRequest(recorded, ctx.api);
  const exchange: Exchange =
    kind.kind === 'unknown' ? recorded : { ...recorded, request: { ...recorded.request, label: kind.label } };
  const outcomes = await outcomesOf(exchange, kind, ctx);
  const results = outcomes.map(([check, outcome]) => toResult(check, outcome, exchange, ctx.strict));
  let secrets: Secrets | undefined;
  const redact = <T>(value: T): T => {
    secrets ??= secretsOf({
      url: exchange.request.url,
      requestHeaders: exchange.request.headers ?? {},
      requestBody: exchange.request.body ?? '',
      responseHeaders: exchange.response?.headers,
      responseText: exchange.response?.text,
    });
    return redactDeep(value, secrets);
  };
  return { exchange, kind, results, redact };
}
