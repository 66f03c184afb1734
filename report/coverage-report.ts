// The merged coverage as people and CI read it: a console table of what the spec defines against
// what was exercised, a JSON report and a JUnit report (one test case per item).
import {
  type CoverageFile,
  type CoverageModel,
  type CoverageSummary,
  countOf,
  describeOperation,
  type ItemKind,
} from './coverage-model.ts';
import { xmlEscape } from './junit.ts';

export interface CoverageVerdict {
  summary: CoverageSummary;
  /** The threshold asked for (percent), if any. */
  min: number | undefined;
  belowMin: boolean;
  required: { text: string; met: boolean }[];
  /** Items in the files the spec does not define. */
  unknown: string[];
  files: string[];
  exitCode: 0 | 1;
}

const kindTitles: Record<ItemKind, string> = {
  status: 'statuses',
  example: 'examples',
  scenario: 'scenarios (Prefer)',
  refusal: 'bad requests',
};

/** `   200 ✓3   400 ✗   401 ✓1` per kind of each operation, then what was never exercised. */
export function formatCoverage(model: CoverageModel, file: CoverageFile, verdict: CoverageVerdict): string {
  const { summary } = verdict;
  const lines = [
    `Coverage of ${model.title} ${model.version}: ${summary.covered} of ${summary.total} items (${summary.percent}%), ` +
      `${file.requests} request${file.requests === 1 ? '' : 's'} from ${verdict.files.length} file${verdict.files.length === 1 ? '' : 's'}` +
      (file.outsideContract > 0 ? ` (${file.outsideContract} outside the contract)` : ''),
    '',
  ];
  for (const op of model.operations) {
    const mine = summary.operations.find((o) => o.id === op.id);
    lines.push(`${describeOperation(op)}  ${mine?.covered ?? 0} of ${mine?.total ?? 0}`);
    for (const kind of Object.keys(kindTitles) as ItemKind[]) {
      const items = model.items.filter((i) => i.operation === op.id && i.kind === kind);
      if (items.length === 0) continue;
      const cells = items.map((i) => {
        const n = countOf(file.counts, i);
        return `${i.name} ${n > 0 ? `✓${n}` : '✗'}`;
      });
      lines.push(`  ${kindTitles[kind].padEnd(20)} ${cells.join('   ')}`);
    }
    const other = file.undocumentedStatuses[op.id];
    if (other && Object.keys(other).length > 0)
      lines.push(
        `  ${'not in the spec'.padEnd(20)} ${Object.entries(other)
          .map(([s, n]) => `${s} ×${n}`)
          .join('   ')}`,
      );
  }
  lines.push('');
  const untouched = summary.operations.filter((o) => o.covered === 0);
  for (const op of untouched) lines.push(`${describeOperation(op)}: never exercised`);
  const partly = summary.never.filter((i) => !untouched.some((o) => o.id === i.operation));
  if (partly.length > 0) {
    lines.push('Never exercised:');
    for (const op of summary.operations) {
      const missing = partly.filter((i) => i.operation === op.id);
      if (missing.length === 0) continue;
      for (const kind of Object.keys(kindTitles) as ItemKind[]) {
        const names = missing.filter((i) => i.kind === kind).map((i) => i.name);
        if (names.length > 0) lines.push(`  ${op.id} ${kindTitles[kind]}: ${names.join(', ')}`);
      }
    }
  }
  for (const name of verdict.unknown) lines.push(`not in the spec (recorded against another version?): ${name}`);
  for (const r of verdict.required)
    lines.push(`${r.met ? 'required, exercised' : 'REQUIRED, NEVER EXERCISED'}: ${r.text}`);
  if (verdict.min !== undefined)
    lines.push(
      verdict.belowMin
        ? `FAIL: ${summary.percent}% is below the required ${verdict.min}%`
        : `${summary.percent}% meets the required ${verdict.min}%`,
    );
  return `${lines.join('\n')}\n`;
}

export function coverageToJson(file: CoverageFile, verdict: CoverageVerdict): string {
  const { summary } = verdict;
  return `${JSON.stringify(
    {
      ...file,
      files: verdict.files,
      exitCode: verdict.exitCode,
      summary: {
        covered: summary.covered,
        total: summary.total,
        percent: summary.percent,
        ...(verdict.min === undefined ? {} : { min: verdict.min, belowMin: verdict.belowMin }),
        operations: summary.operations,
        never: summary.never.map((i) => `${i.operation} ${i.kind} ${i.name}`),
        required: verdict.required,
        unknown: verdict.unknown,
      },
    },
    null,
    2,
  )}\n`;
}

/** One test case per item: exercised passes, never exercised is skipped, a required one never reached fails. */
export function coverageToJunit(model: CoverageModel, file: CoverageFile, verdict: CoverageVerdict): string {
  const missingRequired = new Set(verdict.required.filter((r) => !r.met).map((r) => r.text));
  const cases = model.items.map((item) => {
    const n = countOf(file.counts, item);
    const name = xmlEscape(`${item.kind} ${item.name}`);
    const open = `    <testcase classname="coverage.${xmlEscape(item.operation)}" name="${name}" time="0">`;
    return n > 0
      ? `${open}\n      <system-out>exercised ${n} time${n === 1 ? '' : 's'}</system-out>\n    </testcase>`
      : `${open}\n      <skipped message="never exercised"/>\n    </testcase>`;
  });
  const gates = [
    ...verdict.required.map((r) => {
      const open = `    <testcase classname="coverage.required" name="${xmlEscape(r.text)}" time="0">`;
      return missingRequired.has(r.text)
        ? `${open}\n      <failure message="${xmlEscape(`${r.text}: never exercised`)}" type="required"/>\n    </testcase>`
        : `${open}\n    </testcase>`;
    }),
    ...(verdict.min === undefined
      ? []
      : [
          `    <testcase classname="coverage.threshold" name="min ${verdict.min}%" time="0">${
            verdict.belowMin
              ? `\n      <failure message="${xmlEscape(`${verdict.summary.percent}% is below ${verdict.min}%`)}" type="threshold"/>\n    `
              : ''
          }</testcase>`,
        ]),
  ];
  const failures = missingRequired.size + (verdict.belowMin ? 1 : 0);
  const skipped = verdict.summary.never.length;
  const attrs = `tests="${cases.length + gates.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="login-api-coverage" ${attrs}>`,
    `  <testsuite name="login-api-coverage" ${attrs} timestamp="${file.recordedAt}">`,
    ...cases,
    ...gates,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
