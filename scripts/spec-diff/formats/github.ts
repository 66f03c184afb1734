/**
 * GitHub Actions workflow commands: an `::error` or `::warning` annotation per change, on the docs
 * line that documents it. https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import {
  advice,
  atLeast,
  type LocatedChange,
  operationLabel,
  type Report,
  staleMessage,
  summaryLine,
} from '../report.ts';

/** Message text: GitHub reads %, CR and LF as escapes. */
function data(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values additionally reserve `:` and `,`. */
function property(text: string): string {
  return data(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(
  kind: 'error' | 'warning' | 'notice',
  props: Record<string, string | number | undefined>,
  message: string,
) {
  const list = Object.entries(props)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${property(String(value))}`)
    .join(',');
  return `::${kind}${list ? ` ${list}` : ''}::${data(message)}`;
}

function annotation(change: LocatedChange, report: Report): string | undefined {
  const kind =
    change.accepted !== undefined
      ? 'notice'
      : atLeast(change.level, report.failOn)
        ? 'error'
        : change.level === 'WARN'
          ? 'warning'
          : undefined;
  if (!kind) return undefined;
  // A line in the base's docs does not exist in this checkout: name the file alone and say where it was.
  const here = change.docs && !change.docs.revision ? change.docs : undefined;
  const was = change.docs?.revision ? ` (was ${change.docs.file}:${change.docs.line} at ${change.docs.revision})` : '';
  const accepted = change.accepted !== undefined ? ` Accepted: ${change.accepted}.` : '';
  return command(
    kind,
    { file: change.docs?.file, line: here?.line, title: `spec:diff ${change.id} ${operationLabel(change)}`.trim() },
    `${change.reason}${was}${accepted} [${change.pointer || '""'}]`,
  );
}

export function formatGithub(report: Report): string {
  const lines = report.changes.map((c) => annotation(c, report)).filter((line) => line !== undefined);
  for (const entry of report.stale) {
    lines.push(
      command('error', { file: report.acceptFile, title: 'spec:diff stale acceptance' }, staleMessage(report, entry)),
    );
  }
  for (const note of report.notes) lines.push(command('notice', { title: 'spec:diff' }, note));
  lines.push(`spec:diff: ${summaryLine(report)}`);
  const todo = advice(report);
  if (todo) lines.push(`spec:diff: ${todo}`);
  return lines.join('\n');
}
