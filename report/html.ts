// The report a person reads: one self-contained HTML file (inline CSS, no script, nothing loaded
// from anywhere, a CSP that forbids it), readable on a phone and on a desktop, printable. The verdict
// comes first, then each check with its evidence, each exchange on a timeline, and the coverage as
// a heat map. Every text is redacted as the other reports are, then HTML-escaped.
import { redactText, type Secrets } from '../judge/redact.ts';
import type { CheckResult, RunReport, Verdict } from '../judge/verdicts.ts';
import {
  type Counts,
  type CoverageModel,
  countOf,
  describeOperation,
  type ItemKind,
  summarizeCoverage,
} from './coverage-model.ts';
import type { CoverageVerdict } from './coverage-report.ts';

/** One exchange on the timeline. */
export interface TimelineEntry {
  /** Milliseconds since the epoch when the request was sent. */
  startedAt: number;
  durationMs: number;
  method: string;
  path: string;
  status?: number | undefined;
  failure?: string | undefined;
  /** What the request was for ("login with a wrong password") or the check that sent it. */
  label: string;
  /** The worst verdict on this exchange, when it was judged alone (proxy, recording). */
  verdict?: Verdict | undefined;
}

export interface HtmlInput {
  source: 'contract' | 'proxy' | 'har' | 'coverage';
  title: string;
  exitCode?: number | undefined;
  report?: RunReport | undefined;
  /** `total` may exceed the entries kept (long sessions keep a bounded number). */
  timeline?: { entries: readonly TimelineEntry[]; total: number } | undefined;
  coverage?:
    | {
        model: CoverageModel;
        counts: Counts;
        undocumented?: Record<string, Record<string, number>>;
        verdict?: CoverageVerdict;
      }
    | undefined;
  /**
   * Sections another report module rendered (the drift of `--compare-mock`): that module escapes
   * its own text, from data the caller redacted first. Placed after the checks.
   */
  sections?: readonly string[] | undefined;
  /** The run's known secrets; anything shaped like one is masked anyway. */
  secrets?: Secrets | undefined;
}

/** Rows of the timeline rendered at most; the rest is counted in a note. */
export const maxTimelineRows = 5_000;

const noSecrets: Secrets = { passwords: [], tokens: [] };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const css = `
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--skip:#6e7781;--line:#d0d7de;--soft:#f6f8fa;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:0 0 4px}
h2{font-size:1.1rem;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.meta{color:#57606a;margin:0 0 12px;overflow-wrap:anywhere}
.verdict{border-radius:8px;padding:14px 16px;margin:12px 0;color:#fff;font-size:1.15rem;font-weight:600}
.verdict small{display:block;font-weight:400;font-size:.9rem;opacity:.95}
.v-pass{background:var(--ok)}.v-fail{background:var(--bad)}.v-warn{background:var(--warn)}.v-skip{background:var(--skip)}
.badge{display:inline-block;min-width:3.2em;text-align:center;border-radius:4px;padding:0 6px;color:#fff;font-size:.8rem;font-weight:700}
.b-pass{background:var(--ok)}.b-fail{background:var(--bad)}.b-warn{background:var(--warn)}.b-skip{background:var(--skip)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.counts span{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:2px 8px}
.check{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:10px 12px;break-inside:avoid}
.check header{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline}
.check .level{color:#57606a;font-size:.85rem}
.check p{margin:6px 0}
.rationale{color:#57606a}
.problem{background:#fff8f8;border-left:3px solid var(--bad);padding:6px 8px;margin:6px 0}
.c-warn .problem{background:#fffbea;border-color:var(--warn)}
.problem dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0 0}
.problem dt{color:#57606a}.problem dd{margin:0;overflow-wrap:anywhere}
ul.requests{margin:6px 0 0;padding-left:18px;color:#57606a;font-size:.9rem}
.timeline{border:1px solid var(--line);border-radius:8px}
.row{display:grid;grid-template-columns:5.5em 4.5em minmax(0,1fr) minmax(80px,30%);gap:8px;align-items:center;padding:3px 8px;border-top:1px solid var(--soft);font-size:.88rem}
.row:first-child{border-top:0}
.row.head{font-weight:600;background:var(--soft)}
.bar{position:relative;height:10px;background:var(--soft);border-radius:3px}
.bar i{position:absolute;top:0;bottom:0;min-width:2px;border-radius:3px;background:#0969da}
.bar i.f{background:var(--bad)}.bar i.w{background:var(--warn)}
.note{color:#57606a;font-style:italic}
.extra table{border-collapse:collapse;width:100%;font-size:.88rem}
.extra th,.extra td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.heat{border-collapse:collapse;margin:6px 0 14px;width:100%}
table.heat th,table.heat td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;font-size:.88rem}
table.heat th{background:var(--soft);width:11em}
table.heat caption{text-align:left;padding:4px 0}
.cell{display:inline-block;margin:2px;padding:1px 6px;border-radius:4px;border:1px solid var(--line)}
.h0{background:#ffebe9;border-color:#ffcecb}.h1{background:#dafbe1}.h2{background:#aceebb}.h3{background:#6fdd8b}.h4{background:#4ac26b}
@media (max-width:640px){
 main{padding:10px}
 .row{grid-template-columns:4.5em 1fr;grid-template-areas:"t d" "r r" "b b"}
 .row>:nth-child(1){grid-area:t}.row>:nth-child(2){grid-area:d}.row>:nth-child(3){grid-area:r}.row>:nth-child(4){grid-area:b}
 table.heat th{width:auto}
 table.heat,table.heat tbody,table.heat tr,table.heat th,table.heat td{display:block;width:100%}
}
@media print{
 body{font-size:11pt}main{max-width:none;padding:0}
 .verdict,.badge,.bar i,.cell{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .row,.check,table.heat tr{break-inside:avoid}
}`;

const verdictWords: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

export function renderHtml(input: HtmlInput): string {
  const secrets = input.secrets ?? noSecrets;
  // Every text goes through the same redaction as the other reports before it is escaped.
  const t = (text: string | number | undefined): string => escapeHtml(redactText(String(text ?? ''), secrets));
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${t(input.title)}</title>`,
    `<style>${css}</style>`,
    '</head><body><main>',
    `<h1>${t(input.title)}</h1>`,
  );
  if (input.report) parts.push(runSection(input, input.report, t));
  else if (input.coverage) parts.push(coverageVerdict(input.coverage, t));
  if (input.report) parts.push(checksSection(input.report.results, t));
  for (const section of input.sections ?? []) parts.push(`<section class="extra">${section}</section>`);
  if (input.timeline) parts.push(timelineSection(input.timeline, t));
  if (input.coverage) parts.push(coverageSection(input.coverage, t));
  parts.push('</main></body></html>', '');
  return parts.join('\n');
}

type Text = (text: string | number | undefined) => string;

function runSection(input: HtmlInput, report: RunReport, t: Text): string {
  const { passed, failed, warnings, skipped } = report.summary;
  const [cls, headline] =
    report.cannotJudge !== undefined
      ? ['v-skip', 'Cannot judge']
      : !report.conforms || (input.exitCode ?? 0) === 1
        ? ['v-fail', input.source === 'contract' ? 'The server violates the contract' : 'Violations found']
        : warnings > 0
          ? ['v-warn', 'Conforms, with warnings']
          : ['v-pass', input.source === 'contract' ? 'The server conforms to the contract' : 'No violations'];
  const why =
    report.cannotJudge !== undefined
      ? report.cannotJudge
      : `${failed} failed, ${warnings} warned, ${passed} passed, ${skipped} skipped`;
  const sourceWords = { contract: 'contract run against', proxy: 'proxy session for', har: 'recording', coverage: '' };
  return [
    `<div class="verdict ${cls}" id="verdict">${t(headline)}<small>${t(why)}${
      input.exitCode === undefined ? '' : ` · exit code ${input.exitCode}`
    }</small></div>`,
    `<p class="meta">${t(sourceWords[input.source])} <code>${t(report.baseUrl)}</code> · started ${t(report.startedAt)} · ${t(
      (report.durationMs / 1000).toFixed(1),
    )} s · ${report.strict ? 'strict' : 'not strict'} · ${t(report.timeoutMs)} ms per answer</p>`,
    ...(report.notices ?? []).map((n) => `<p class="meta">${t(n)}</p>`),
    `<div class="counts"><span>${passed} passed</span><span>${failed} failed</span><span>${warnings} warned</span><span>${skipped} skipped</span></div>`,
  ].join('\n');
}

function checksSection(results: readonly CheckResult[], t: Text): string {
  const out = [`<section id="checks"><h2>Checks (${results.length})</h2>`];
  // Failures first, then warnings: what needs acting on is at the top.
  const order: Record<Verdict, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };
  const sorted = [...results].sort((a, b) => order[a.verdict] - order[b.verdict]);
  for (const r of sorted) {
    out.push(
      `<section class="check c-${r.verdict}" id="check-${t(r.id)}"><header><span class="badge b-${r.verdict}">${verdictWords[r.verdict]}</span>` +
        `<code class="id">${t(r.id)}</code><span class="level">${t(r.level)}</span><strong>${t(r.title)}</strong></header>`,
      `<p class="rationale">${t(r.rationale)}</p>`,
    );
    if (r.note) out.push(`<p>${t(r.note)}</p>`);
    for (const p of r.problems) {
      const rows = (
        [
          ['request', p.request],
          ['expected', p.expected],
          ['actual', p.actual],
          ['field', p.pointer === '' ? '(the whole body)' : p.pointer],
          ['rule', p.rule],
        ] as const
      )
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `<dt>${k}</dt><dd class="mono">${t(v)}</dd>`)
        .join('');
      out.push(`<div class="problem"><div>${t(p.summary)}</div>${rows ? `<dl>${rows}</dl>` : ''}</div>`);
    }
    if (r.requests.length > 0) {
      out.push(
        `<ul class="requests">${r.requests
          .map(
            (q) =>
              `<li>${t(q.label)}: <code>${t(q.method)} ${t(q.path)}</code> → ${t(q.status ?? q.failure ?? 'no answer')} in ${t(
                Math.round(q.durationMs),
              )} ms${q.retried ? ` (${t(q.retried)})` : ''}</li>`,
          )
          .join('')}</ul>`,
      );
    }
    out.push('</section>');
  }
  out.push('</section>');
  return out.join('\n');
}

function timelineSection(timeline: NonNullable<HtmlInput['timeline']>, t: Text): string {
  const shown = timeline.entries.slice(0, maxTimelineRows);
  const out = [`<section id="timeline"><h2>Exchanges (${timeline.total})</h2>`];
  if (shown.length === 0) return `${out[0]}\n<p class="note">No exchanges.</p></section>`;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of shown) {
    if (e.startedAt < start) start = e.startedAt;
    if (e.startedAt + e.durationMs > end) end = e.startedAt + e.durationMs;
  }
  const span = Math.max(end - start, 1);
  out.push(
    '<div class="timeline"><div class="row head"><span>at</span><span>took</span><span>request</span><span>when</span></div>',
  );
  for (const e of shown) {
    const left = (((e.startedAt - start) / span) * 100).toFixed(2);
    const width = ((e.durationMs / span) * 100).toFixed(2);
    const answer = e.status !== undefined ? String(e.status) : (e.failure ?? 'no answer');
    const mark = e.verdict === 'fail' || e.status === undefined ? ' f' : e.verdict === 'warn' ? ' w' : '';
    const badge = e.verdict ? `<span class="badge b-${e.verdict}">${verdictWords[e.verdict]}</span> ` : '';
    out.push(
      `<div class="row"><span class="mono">+${((e.startedAt - start) / 1000).toFixed(3)} s</span><span class="mono">${Math.round(e.durationMs)} ms</span>` +
        `<span>${badge}<code>${t(e.method)} ${t(e.path)}</code> → ${t(answer)} <span class="note">${t(e.label)}</span></span>` +
        `<span class="bar"><i class="${mark.trim()}" style="left:${left}%;width:${width}%"></i></span></div>`,
    );
  }
  out.push('</div>');
  if (timeline.total > shown.length)
    out.push(
      `<p class="note">${timeline.total - shown.length} more exchange(s) not shown here (the page shows the first ${shown.length}); the JSON report and the HAR recording hold every verdict.</p>`,
    );
  out.push('</section>');
  return out.join('\n');
}

function coverageVerdict(coverage: NonNullable<HtmlInput['coverage']>, t: Text): string {
  const summary = coverage.verdict?.summary ?? summarizeCoverage(coverage.model, coverage.counts);
  const failed = coverage.verdict?.exitCode === 1;
  const why = [
    `${summary.covered} of ${summary.total} items exercised`,
    ...(coverage.verdict?.min === undefined ? [] : [`required ${coverage.verdict.min}%`]),
    ...(coverage.verdict?.required ?? []).filter((r) => !r.met).map((r) => `required ${r.text}: never exercised`),
  ].join(' · ');
  return `<div class="verdict ${failed ? 'v-fail' : 'v-pass'}" id="verdict">${t(summary.percent)}% covered${
    failed ? ': not enough' : ''
  }<small>${t(why)}</small></div>`;
}

const kindTitles: Record<ItemKind, string> = {
  status: 'Statuses',
  example: 'Examples',
  scenario: 'Scenarios (Prefer)',
  refusal: 'Bad requests',
};

/** Heat classes: 0 never, then roughly by order of magnitude. */
const heat = (n: number) => (n === 0 ? 'h0' : n < 3 ? 'h1' : n < 10 ? 'h2' : n < 100 ? 'h3' : 'h4');

function coverageSection(coverage: NonNullable<HtmlInput['coverage']>, t: Text): string {
  const { model, counts } = coverage;
  const summary = coverage.verdict?.summary ?? summarizeCoverage(model, counts);
  const out = [
    `<h2 id="coverage">Coverage: ${summary.covered} of ${summary.total} items (${t(summary.percent)}%)</h2>`,
    '<p class="note">Green: exercised (darker: more often, the count beside the name). Red: never exercised.</p>',
  ];
  for (const op of model.operations) {
    const mine = summary.operations.find((o) => o.id === op.id);
    out.push(
      `<table class="heat" id="coverage-${t(op.id)}"><caption class="mono">${t(
        describeOperation(op),
      )} · ${mine?.covered ?? 0} of ${mine?.total ?? 0}${mine?.covered === 0 ? ' · never exercised' : ''}</caption><tbody>`,
    );
    for (const kind of Object.keys(kindTitles) as ItemKind[]) {
      const items = model.items.filter((i) => i.operation === op.id && i.kind === kind);
      if (items.length === 0) continue;
      const cells = items
        .map((i) => {
          const n = countOf(counts, i);
          const where = i.kind === 'example' && i.status !== undefined ? ` (${i.status})` : '';
          return `<span class="cell ${heat(n)}">${t(i.name)}${t(where)} <b>${n}</b></span>`;
        })
        .join('');
      out.push(`<tr><th>${kindTitles[kind]}</th><td>${cells}</td></tr>`);
    }
    const other = coverage.undocumented?.[op.id];
    if (other && Object.keys(other).length > 0) {
      out.push(
        `<tr><th>Not in the spec</th><td>${Object.entries(other)
          .map(([s, n]) => `<span class="cell">${t(s)} <b>${t(n)}</b></span>`)
          .join('')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  return out.join('\n');
}
