/** The report spec:diff builds: every change with where it is, the audit of accepted changes, and notes. */
import type { Acceptance, ReportedChange } from './accept.ts';
import type { Level } from './types.ts';

export const LEVELS: readonly Level[] = ['INFO', 'WARN', 'ERR'];

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

export interface DocsLocation {
  file: string;
  line: number;
  /** Set when the line is in the base revision's docs (the thing was removed from the new ones). */
  revision?: string;
}

export interface LocatedChange extends ReportedChange {
  /** The operation the change is under, when it is under one. */
  method?: string;
  path?: string;
  docs?: DocsLocation;
}

export interface Report {
  base: string;
  head: string;
  failOn: Level;
  /** Where acceptances are read from (named in the advice when the run fails). */
  acceptFile: string;
  changes: LocatedChange[];
  /** Acceptances that matched no change: each fails the run. */
  stale: Acceptance[];
  /** The base's acceptances that matched nothing: shipped earlier, safe to delete. */
  shipped: Acceptance[];
  /** How the documents were obtained (stale generated file, skipped overlay actions). */
  notes: string[];
}

/** Changes at or above the fail level that nobody accepted. */
export function failures(report: Report): LocatedChange[] {
  return report.changes.filter((c) => atLeast(c.level, report.failOn) && c.accepted === undefined);
}

export function passed(report: Report): boolean {
  return failures(report).length === 0 && report.stale.length === 0;
}

export function operationLabel(change: LocatedChange): string {
  return [change.method, change.path].filter(Boolean).join(' ');
}

export function docsLabel(docs: DocsLocation | undefined): string {
  if (!docs) return '';
  return `${docs.file}:${docs.line}${docs.revision ? ` (at ${docs.revision})` : ''}`;
}

export function levelLabel(change: LocatedChange): string {
  if (change.accepted !== undefined) return `${change.level} (accepted: ${change.accepted})`;
  if (change.expired !== undefined) return `${change.level} (acceptance expired ${change.expired})`;
  return change.level;
}

export function staleMessage(report: Report, entry: Acceptance): string {
  return `accepted change ${entry.id} at ${entry.pointer || '""'} did not occur: delete it from ${report.acceptFile}`;
}

export function summaryLine(report: Report): string {
  const count = (level: Level) => report.changes.filter((c) => c.level === level).length;
  const accepted = report.changes.filter((c) => c.accepted !== undefined).length;
  return `${report.base} → ${report.head}: ${
    report.changes.length === 0
      ? 'no changes'
      : `${count('ERR')} breaking, ${count('WARN')} warning(s), ${count('INFO')} compatible` +
        (accepted ? `, ${accepted} accepted` : '')
  }`;
}

/** What to do when the run fails, or nothing. */
export function advice(report: Report): string | undefined {
  const failing = failures(report).length;
  const parts: string[] = [];
  if (failing) {
    parts.push(
      `${failing} unaccepted change(s) at ${report.failOn} or above. If intended, list each (id, pointer, reason, by) in ${report.acceptFile}, or pass --accept-breaking.`,
    );
  }
  if (report.stale.length)
    parts.push(`${report.stale.length} stale acceptance(s) in ${report.acceptFile}: delete them.`);
  return parts.length ? parts.join(' ') : undefined;
}
