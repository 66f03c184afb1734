/** The report spec:diff prints: one line per change, then a summary line. */
import type { Acceptance, ReportedChange } from './accept.ts';
import type { Level } from './types.ts';

export const LEVELS: readonly Level[] = ['INFO', 'WARN', 'ERR'];

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

export interface Report {
  base: string;
  head: string;
  failOn: Level;
  /** Where acknowledgements are read from (named in the advice when the run fails). */
  acceptFile: string;
  changes: ReportedChange[];
  /** Acknowledgements that matched no change. */
  unused: Acceptance[];
}

/** Changes at or above the fail level that nobody acknowledged. */
export function failures(report: Report): ReportedChange[] {
  return report.changes.filter((c) => atLeast(c.level, report.failOn) && c.accepted === undefined);
}

export function formatText(report: Report): string {
  const lines = report.changes.map((c) => {
    const level = c.accepted === undefined ? c.level : `${c.level} (accepted: ${c.accepted})`;
    return `${level} ${c.id} ${c.pointer || '""'} ${c.reason}`;
  });
  for (const a of report.unused) {
    lines.push(`note: accepted change ${a.id} at ${a.pointer} did not occur; remove it from the acknowledgement file`);
  }
  const count = (level: Level) => report.changes.filter((c) => c.level === level).length;
  const accepted = report.changes.filter((c) => c.accepted !== undefined).length;
  const failing = failures(report).length;
  lines.push(
    `spec:diff: ${report.base} → ${report.head}: ` +
      (report.changes.length === 0
        ? 'no changes'
        : `${count('ERR')} breaking, ${count('WARN')} warning(s), ${count('INFO')} compatible` +
          (accepted ? `, ${accepted} accepted` : '')),
  );
  if (failing) {
    lines.push(
      `spec:diff: ${failing} unaccepted change(s) at ${report.failOn} or above. If intended, list each (id + pointer + reason) in ${report.acceptFile}, or pass --accept-breaking.`,
    );
  }
  return lines.join('\n');
}

export function formatJson(report: Report): string {
  return JSON.stringify(
    {
      base: report.base,
      head: report.head,
      failOn: report.failOn,
      ok: failures(report).length === 0,
      changes: report.changes,
      unusedAcceptances: report.unused,
    },
    null,
    2,
  );
}
