// Collects the judgements of a proxy session or a recording into the kit's report shape (one
// result per check, as a live run reports), and prints one line per exchange.

import { checks } from '../judge/checks/index.ts';
import type { Judgement } from '../judge/judge-exchange.ts';
import { type CheckResult, type RunReport, summaryOf, type Verdict } from '../judge/verdicts.ts';
import { printable } from './console.ts';

/** Evidence kept per check: enough to act on, bounded for long sessions. */
const maxProblemsPerCheck = 20;
const maxRequestsPerCheck = 50;
const rank: Record<Verdict, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

export interface Tally {
  add(judgement: Judgement): void;
  readonly exchanges: number;
  /** Exchanges on paths outside the contract (passed through, not judged). */
  readonly unknown: number;
  /** Failed verdicts, counted per exchange and check. */
  readonly violations: number;
  report(options: {
    baseUrl: string;
    startedAt: number;
    durationMs: number;
    strict: boolean;
    timeoutMs: number;
  }): RunReport;
}

/** `only`: the checks a report lists (default all); verdicts of other checks are dropped. */
export function createTally(only: readonly string[] = checks.map((c) => c.id)): Tally {
  const byCheck = new Map<string, CheckResult & { extraProblems: number }>();
  let exchanges = 0;
  let unknown = 0;
  let violations = 0;
  return {
    add(judgement) {
      exchanges++;
      if (judgement.results.length === 0) unknown++;
      for (const judged of judgement.results) {
        if (!only.includes(judged.id)) continue;
        if (judged.verdict === 'fail') violations++;
        // Redaction costs: only what is kept (a bounded number of problems per check) is redacted.
        const seen = byCheck.get(judged.id);
        const room = maxProblemsPerCheck - (seen?.problems.length ?? 0);
        const kept = judged.problems.slice(0, Math.max(0, room));
        const result = {
          ...judged,
          problems: kept.length > 0 ? judgement.redact(kept) : [],
          // a note is kept only with the check's first verdict
          ...(judged.note && !seen ? { note: judgement.redact(judged.note) } : { note: undefined }),
        };
        if (result.note === undefined) delete result.note;
        const dropped = judged.problems.length - result.problems.length;
        if (!seen) {
          byCheck.set(result.id, { ...result, extraProblems: dropped });
          continue;
        }
        if (rank[result.verdict] > rank[seen.verdict]) seen.verdict = result.verdict;
        seen.problems.push(...result.problems);
        seen.extraProblems += dropped;
        if (seen.requests.length < maxRequestsPerCheck) seen.requests.push(...result.requests);
        seen.durationMs += result.durationMs;
        if (seen.verdict !== 'skip') delete seen.note;
      }
    },
    get exchanges() {
      return exchanges;
    },
    get unknown() {
      return unknown;
    },
    get violations() {
      return violations;
    },
    report({ baseUrl, startedAt, durationMs, strict, timeoutMs }) {
      const results: CheckResult[] = checks
        .filter((c) => only.includes(c.id))
        .map((check) => {
          const seen = byCheck.get(check.id);
          if (!seen) {
            return {
              id: check.id,
              title: check.title,
              level: check.level,
              rationale: check.rationale,
              verdict: 'skip',
              problems: [],
              note: 'no recorded exchange this check can judge (some checks need requests of their own)',
              durationMs: 0,
              requests: [],
            };
          }
          const { extraProblems, ...result } = seen;
          if (extraProblems > 0)
            result.problems = [...result.problems, { summary: `… and ${extraProblems} more problem(s) of this kind.` }];
          return result;
        });
      const summary = summaryOf(results);
      return {
        baseUrl,
        startedAt: new Date(startedAt).toISOString(),
        durationMs,
        strict,
        timeoutMs,
        conforms: summary.failed === 0,
        summary,
        results,
      };
    },
  };
}

const labels: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

/** `FAIL  POST /v1/api/auth/login 200  login-success  /code must be integer.` (already redacted). */
export function formatJudgement(judgement: Judgement): string {
  const { request, response, failure } = judgement.exchange;
  const status = response ? String(response.status) : (failure?.kind ?? 'no answer');
  const head = `${request.method} ${request.path.length > 120 ? `${request.path.slice(0, 120)}…` : request.path} ${status}`;
  if (judgement.results.length === 0)
    return printable(`SKIP  ${head}  unknown  not an operation of the contract (passed through)`);
  // Name the most telling check: the worst verdict, and among equals not the generic route/time ones.
  const generic = (id: string) => id.endsWith('-route') || id === 'response-time';
  const worst = judgement.results.reduce((a, b) =>
    rank[b.verdict] > rank[a.verdict] || (rank[b.verdict] === rank[a.verdict] && generic(a.id) && !generic(b.id))
      ? b
      : a,
  );
  const said = worst.problems[0]?.summary ?? (worst.verdict === 'skip' ? worst.note : undefined);
  const reason = said === undefined ? 'conforms' : judgement.redact(said);
  return printable(`${labels[worst.verdict]}  ${head}  ${worst.id}  ${reason}`);
}
