/** One line per change (level, rule, pointer, reason, docs line), then the summary: for terminals and logs. */
import { advice, docsLabel, levelLabel, type Report, staleMessage, summaryLine } from '../report.ts';

export function formatText(report: Report): string {
  const lines = report.changes.map((c) => {
    const docs = c.docs ? ` [${docsLabel(c.docs)}]` : '';
    return `${levelLabel(c)} ${c.id} ${c.pointer || '""'} ${c.reason}${docs}`;
  });
  for (const entry of report.stale) lines.push(`error: ${staleMessage(report, entry)}`);
  for (const entry of report.shipped) {
    lines.push(`note: accepted change ${entry.id} at ${entry.pointer} shipped earlier; it can be deleted`);
  }
  lines.push(`spec:diff: ${summaryLine(report)}`);
  const todo = advice(report);
  if (todo) lines.push(`spec:diff: ${todo}`);
  return lines.join('\n');
}
