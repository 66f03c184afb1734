// The shapes every check shares: one signature, one outcome type, one problem type.
import type { Api } from './api.ts';
import type { Budget } from './budget.ts';
import type { Exchange, RequestSpec } from './exchange.ts';
import type { Probes } from './probes.ts';
import type { Validators } from './validators.ts';

/** Which tokens the JWT checks may judge: jwt (every token must be one), opaque (none), auto (detected). */
export type TokenFormat = 'jwt' | 'opaque' | 'auto';
export const tokenFormats: readonly TokenFormat[] = ['jwt', 'opaque', 'auto'];

/**
 * documented: what the docs state (status, media type, body schema of the documented answers).
 * robustness: what any sane server does (no 5xx for bad input, no tokens for bad credentials …).
 * inferred: good practice the docs imply but do not state; a warning unless the run is strict.
 */
export type Level = 'documented' | 'robustness' | 'inferred';

/** One violation, in the terms a QA person acts on. Strings are redacted before anyone sees them. */
export interface Problem {
  /** One plain sentence: what is wrong. */
  summary: string;
  /** The request that showed it: method, path, headers that matter, body. */
  request?: string;
  expected?: string;
  actual?: string;
  /** JSON pointer of the offending field in the answer. */
  pointer?: string;
  /** The schema rule that failed (keyword and where it sits in the schema). */
  rule?: string;
  /** A command that sends the request again (curl), secrets redacted, and the seed that generated it. */
  reproduce?: string;
}

export type Outcome =
  | { status: 'pass'; note?: string }
  | { status: 'fail'; problems: Problem[] }
  | { status: 'skip'; reason: string };

export interface CheckContext {
  api: Api;
  validators: Validators;
  user: string;
  password: string;
  timeoutMs: number;
  send(spec: RequestSpec): Promise<Exchange>;
  /** Requests several checks share (a valid login, a wrong password …), sent at most once. */
  probes: Probes;
  /** Every exchange of the run so far. */
  log: readonly Exchange[];
  /** Whether the JWT checks judge every token (jwt), none (opaque) or those that look like JWTs (auto, the default). */
  tokenFormat?: TokenFormat;
  /** Seed of the generated requests: the same seed sends the same requests. */
  seed?: number;
  /** Shared by the generated and property checks: at most this many requests (--budget), in the run's time. */
  budget?: Budget;
  /** Values derived from a secret (a near-miss password) that every output must redact too. */
  addSecrets?: (values: string[]) => void;
  /** The full URL of a path under the base URL (for a reproducing curl line). */
  urlOf?: (path: string) => string;
}

export interface Check<Id extends string = string> {
  id: Id;
  title: string;
  level: Level;
  /** One line: why the check exists. */
  rationale: string;
  /** An inferred check that `--tokens jwt` makes binding (a failure even without --strict). */
  bindingWithJwtTokens?: boolean;
  run(ctx: CheckContext): Promise<Outcome>;
}

/** Keeps a check's id as a literal type so the registry can type `--only` and `--skip`. */
export function defineCheck<const Id extends string>(check: Check<Id>): Check<Id> {
  return check;
}

export const pass = (note?: string): Outcome => (note ? { status: 'pass', note } : { status: 'pass' });
export const fail = (...problems: Problem[]): Outcome => ({ status: 'fail', problems });
export const skip = (reason: string): Outcome => ({ status: 'skip', reason });
/** Pass when nothing is wrong, else fail with every problem found. */
export const verdict = (problems: Problem[]): Outcome => (problems.length === 0 ? pass() : fail(...problems));
