// What judging yields, whichever source the exchanges came from: one result per check, the run's
// report around them, and the one-line summary of a request shown beside a verdict.
import type { Exchange } from './exchange.ts';
import type { Level, Problem } from './types.ts';

/** pass; fail (a violation); warn (an inferred check failed in a non-strict run); skip (nothing to judge). */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip';

export interface RequestSummary {
  label: string;
  method: string;
  path: string;
  status?: number;
  contentType?: string;
  failure?: string;
  /** Set when the request was rate-limited first, waited out and sent again. */
  retried?: string;
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
  /** Why the run could not judge the server (exit 2); absent when it could. */
  cannotJudge?: string;
  /** What the reader must know about how the run connected (TLS not verified, the proxy used). */
  notices?: string[];
  summary: Summary;
  results: CheckResult[];
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
    ...(exchange.retried
      ? {
          retried: `answered ${exchange.retried.status} with Retry-After; sent again after ${exchange.retried.waitedMs} ms`,
        }
      : {}),
    durationMs: exchange.durationMs,
  };
}

export function summaryOf(results: readonly CheckResult[]): Summary {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  return { passed: count('pass'), failed: count('fail'), warnings: count('warn'), skipped: count('skip') };
}
