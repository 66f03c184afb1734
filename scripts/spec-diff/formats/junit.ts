/** JUnit XML for CI test reporters: one testcase per change, a failure for each that fails the run. */
import { xmlEscape } from '../../../report/junit.ts';
import { failures, levelLabel, operationLabel, type Report, staleMessage } from '../report.ts';

export function formatJunit(report: Report): string {
  const failing = new Set(failures(report));
  const cases = report.changes.map((c) => {
    const name = xmlEscape(`${c.id} ${operationLabel(c) || c.pointer || '/'}`);
    const body = xmlEscape(`${levelLabel(c)} ${c.pointer}\n${c.reason}`);
    const inner = failing.has(c)
      ? `<failure message="${xmlEscape(c.reason)}" type="${c.level}">${body}</failure>`
      : `<system-out>${body}</system-out>`;
    return `    <testcase classname="spec-diff.${c.level}" name="${name}">${inner}</testcase>`;
  });
  for (const entry of report.stale) {
    const message = xmlEscape(staleMessage(report, entry));
    cases.push(
      `    <testcase classname="spec-diff.acceptances" name="${xmlEscape(`stale ${entry.id} ${entry.pointer}`)}"><failure message="${message}" type="stale">${message}</failure></testcase>`,
    );
  }
  if (cases.length === 0) cases.push('    <testcase classname="spec-diff" name="no changes"></testcase>');
  const attrs = `tests="${cases.length}" failures="${failing.size + report.stale.length}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="spec-diff" ${attrs}>`,
    `  <testsuite name="${xmlEscape(`spec-diff ${report.base} → ${report.head}`)}" ${attrs}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
