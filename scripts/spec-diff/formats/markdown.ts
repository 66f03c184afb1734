/** A table ready for a pull-request comment or a GitHub step summary. */
import {
  advice,
  docsLabel,
  type LocatedChange,
  operationLabel,
  passed,
  type Report,
  staleMessage,
  summaryLine,
} from '../report.ts';

/** Lets the workflow find its own comment and update it in place. */
export const COMMENT_MARKER = '<!-- spec-diff -->';

const ICONS = { ERR: '🔴', WARN: '🟡', INFO: '🟢' } as const;

function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function row(c: LocatedChange): string {
  const status =
    c.accepted !== undefined ? ` accepted: ${c.accepted}` : c.expired ? ` acceptance expired ${c.expired}` : '';
  const operation = operationLabel(c);
  return `| ${ICONS[c.level]} ${c.level}${cell(status)} | \`${c.id}\` | ${operation ? `\`${cell(operation)}\`` : ''} | ${cell(c.reason)} | ${cell(docsLabel(c.docs))} |`;
}

export function formatMarkdown(report: Report): string {
  const lines = [
    COMMENT_MARKER,
    `### API contract: ${passed(report) ? 'no unaccepted breaking change' : 'breaking changes'}`,
    '',
    cell(summaryLine(report)),
  ];
  if (report.changes.length) {
    lines.push(
      '',
      '| Level | Rule | Operation | What changed | Docs |',
      '|---|---|---|---|---|',
      ...report.changes.map(row),
    );
  }
  const extra = [
    ...report.stale.map((entry) => `- ❌ ${cell(staleMessage(report, entry))}`),
    ...report.shipped.map((entry) => `- accepted change \`${entry.id}\` shipped earlier; it can be deleted`),
    ...report.notes.map((note) => `- ${cell(note)}`),
  ];
  if (extra.length) lines.push('', ...extra);
  const todo = advice(report);
  if (todo) lines.push('', `**${cell(todo)}**`);
  return `${lines.join('\n')}\n`;
}
