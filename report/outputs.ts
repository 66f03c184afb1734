// The report files every traffic command writes (`--report KIND=FILE`), from one place: the run's
// report as JUnit or JSON, the page a person reads (HTML), and what the traffic exercised
// (coverage). Exchanges are gathered as they come: a bounded timeline and the coverage counts.
import type { Exchange } from '../judge/exchange.ts';
import type { Judgement } from '../judge/judge-exchange.ts';
import type { Secrets } from '../judge/redact.ts';
import type { RunReport, Verdict } from '../judge/verdicts.ts';
import { kitCoverageModel } from './coverage-model.ts';
import {
  type CoverageRecorder,
  coverageText,
  createCoverageRecorder,
  type ObservedExchange,
} from './coverage-recorder.ts';
import { type HtmlInput, maxTimelineRows, renderHtml, type TimelineEntry } from './html.ts';
import { toJson } from './json.ts';
import { toJunit } from './junit.ts';

export type OutputFormat = 'junit' | 'json' | 'html' | 'coverage';
export const outputFormats: readonly OutputFormat[] = ['junit', 'json', 'html', 'coverage'];

/** `junit=FILE` … as a format and a file, or undefined for anything else. */
export function parseReportFlag(spec: string): { format: OutputFormat; file: string } | undefined {
  const match = /^(junit|json|html|coverage)=(.+)$/.exec(spec);
  return match ? { format: match[1] as OutputFormat, file: match[2] as string } : undefined;
}

export const reportFlagHint = 'must be junit=FILE, json=FILE, html=FILE or coverage=FILE';

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** An exchange as the coverage recorder reads it. */
export function observed(exchange: Exchange): ObservedExchange {
  const { request, response } = exchange;
  return {
    method: request.method,
    path: request.path,
    contentType: header(request.headers, 'content-type'),
    prefer: header(request.headers, 'prefer'),
    body: request.body ?? '',
    status: response?.status,
    responseBody: response?.text,
  };
}

const rank: Record<Verdict, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The worst verdict of one exchange's results (undefined for an exchange nothing judged). */
export function worstVerdict(judgement: Pick<Judgement, 'results'>): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const r of judgement.results) if (worst === undefined || rank[r.verdict] > rank[worst]) worst = r.verdict;
  return worst;
}

export interface TrafficOutputs {
  /** Adds one exchange; `redact` masks what the timeline keeps of it. */
  add(exchange: Exchange, options?: { label?: string; verdict?: Verdict; redact?: <T>(value: T) => T }): void;
  addJudgement(judgement: Judgement): void;
  readonly coverage: CoverageRecorder;
  readonly timeline: { entries: TimelineEntry[]; total: number };
}

/** Gathers what the HTML and coverage reports need, bounded: the timeline keeps its first rows only. */
export function createTrafficOutputs(source: string): TrafficOutputs {
  const coverage = createCoverageRecorder({
    source,
    model: kitCoverageModel(),
    classify: 'always',
    normalizeBodies: true,
  });
  const timeline = { entries: [] as TimelineEntry[], total: 0 };
  const outputs: TrafficOutputs = {
    coverage,
    timeline,
    add(exchange, options = {}) {
      coverage.record(observed(exchange));
      timeline.total++;
      if (timeline.entries.length >= maxTimelineRows) return;
      const redact = options.redact ?? (<T>(value: T) => value);
      const { request, response, failure } = exchange;
      timeline.entries.push({
        startedAt: exchange.startedAt,
        durationMs: exchange.durationMs,
        method: request.method,
        path: redact(request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path),
        status: response?.status,
        failure: failure ? redact(failure.message) : undefined,
        label: redact(options.label ?? request.label),
        verdict: options.verdict,
      });
    },
    addJudgement(judgement) {
      const verdict = worstVerdict(judgement);
      outputs.add(judgement.exchange, {
        label: judgement.results.length === 0 ? 'not an operation of the contract' : judgement.kind.kind,
        ...(verdict ? { verdict } : {}),
        redact: judgement.redact,
      });
    },
  };
  return outputs;
}

export interface OutputContext {
  report: RunReport;
  exitCode: number;
  /** The page's title and source; the report, timeline and coverage come from here. */
  html: Pick<HtmlInput, 'source' | 'title' | 'sections'> & { secrets?: Secrets };
  traffic: TrafficOutputs;
}

/** The text of one report file. */
export function reportText(format: OutputFormat, ctx: OutputContext): string {
  switch (format) {
    case 'junit':
      return toJunit(ctx.report);
    case 'json':
      return toJson(ctx.report, ctx.exitCode);
    case 'coverage':
      return coverageText(ctx.traffic.coverage);
    case 'html': {
      const coverage = ctx.traffic.coverage.toJSON();
      return renderHtml({
        ...ctx.html,
        exitCode: ctx.exitCode,
        report: ctx.report,
        timeline: ctx.traffic.timeline,
        coverage: { model: kitCoverageModel(), counts: coverage.counts, undocumented: coverage.undocumentedStatuses },
      });
    }
  }
}
