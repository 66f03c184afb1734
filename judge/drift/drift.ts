// The drift between a server and the mock, request by request: the pure model every drift
// report (console table, JSON, HTML) and the overlay suggestions read.
import type { Api } from '../api.ts';
import type { Exchange } from '../exchange.ts';
import { type AnswerShape, answerShape } from './answer-shape.ts';
import { compareAnswers, type Difference, type DriftAspect, driftAspects } from './compare-answers.ts';
import type { ExchangePair } from './pair-exchanges.ts';
import { type SpecResponse, specResponseOf } from './spec-response.ts';

/** One side's answer in a few words: `200 application/json code 401`, or `no answer (timeout)`. */
export function briefAnswer(shape: AnswerShape): string {
  if (shape.status === undefined) return `no answer (${shape.failure})`;
  const codes = [...shape.codes].map(([pointer, value]) => `${pointer.slice(1)} ${value}`);
  return [String(shape.status), shape.mediaType ?? 'no media type', ...codes].join(' ');
}

export interface DriftRow {
  /** What the request was for, e.g. `login with a wrong password`. */
  label: string;
  method: string;
  path: string;
  server?: string;
  mock?: string;
  differences: Difference[];
  /** The spec response the mock answered with (absent: the mock's own answer, or no mock answer). */
  specResponse?: SpecResponse;
  /** Kept for the suggestions; never printed (they hold secrets). */
  exchanges: { server?: Exchange; mock?: Exchange };
}

export interface DriftReport {
  /** Pairs with an answer from both sides. */
  paired: number;
  /** Of those, how many differ. */
  differing: number;
  /** Requests only one side got (a run stopped early). */
  unpaired: number;
  /** Differing exchanges per aspect. */
  byAspect: Record<DriftAspect, number>;
  rows: DriftRow[];
}

function parsed(exchange: Exchange | undefined): unknown {
  const json = exchange?.response?.json;
  return json?.ok ? json.value : undefined;
}

export function driftOf(pairs: readonly ExchangePair[], api: Api): DriftReport {
  const rows: DriftRow[] = [];
  const byAspect = Object.fromEntries(driftAspects.map((a) => [a, 0])) as Record<DriftAspect, number>;
  let paired = 0;
  let differing = 0;
  for (const pair of pairs) {
    const any = (pair.server ?? pair.mock) as Exchange;
    const { label, method, path } = any.request;
    const server = pair.server && answerShape(pair.server);
    const mock = pair.mock && answerShape(pair.mock);
    const mockResponse = pair.mock?.response;
    const specResponse = mockResponse
      ? specResponseOf(api.document, method, path, mockResponse.status, parsed(pair.mock))
      : undefined;
    const differences = server && mock ? compareAnswers(server, mock) : [];
    if (server && mock) {
      paired++;
      if (differences.length > 0) differing++;
      for (const aspect of new Set(differences.map((d) => d.aspect))) byAspect[aspect]++;
    }
    rows.push({
      label,
      method,
      path,
      ...(server ? { server: briefAnswer(server) } : {}),
      ...(mock ? { mock: briefAnswer(mock) } : {}),
      differences,
      ...(specResponse ? { specResponse } : {}),
      exchanges: { ...(pair.server ? { server: pair.server } : {}), ...(pair.mock ? { mock: pair.mock } : {}) },
    });
  }
  return { paired, differing, unpaired: pairs.length - paired, byAspect, rows };
}
