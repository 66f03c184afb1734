/** The whole report as JSON, each change with its method, path and docs line. */
import { passed, type Report } from '../report.ts';

export function formatJson(report: Report): string {
  return JSON.stringify(
    {
      base: report.base,
      head: report.head,
      failOn: report.failOn,
      ok: passed(report),
      changes: report.changes,
      staleAcceptances: report.stale,
      shippedAcceptances: report.shipped,
      notes: report.notes,
    },
    null,
    2,
  );
}
