// The command's side of a drift comparison: prints the table, writes the suggested overlay, and
// hands back the JSON section. Everything shown passes the redactor with both runs' secrets.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { redactDeep, redactText } from '../judge/redact.ts';
import { type DriftContext, driftHtmlSection, driftToJson, formatDrift } from '../report/drift.ts';
import { overlayText } from '../report/suggested-overlay.ts';
import type { MockComparison } from './compare-mock.ts';

/** Why FILE cannot take a suggested overlay (a missing directory, a file that is no overlay), or undefined. */
export function unusableOverlayFile(file: string): string | undefined {
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `--suggest-overlay: directory ${dir} does not exist`;
  if (!existsSync(file)) return undefined;
  if (!statSync(file).isFile()) return `--suggest-overlay: ${file} is not a file`;
  const checked = overlayText([], { source: '', existing: readFileSync(file, 'utf8') });
  return typeof checked === 'string'
    ? undefined
    : `--suggest-overlay: ${file} exists and ${checked.error}; name another file`;
}

export interface DriftOutcome {
  /** The `drift` section of the JSON report. */
  json: unknown;
  /** The drift section of the HTML report (rendered from redacted data, its text escaped). */
  html: string;
  drifted: boolean;
}

export function reportDrift(
  comparison: MockComparison,
  options: { failOnDrift: boolean; suggestOverlay?: string; source: string; mock: string },
  write: (text: string) => void,
): DriftOutcome {
  const { drift, suggestions, secrets } = comparison;
  let overlayFile: DriftContext['overlayFile'];
  if (options.suggestOverlay !== undefined) {
    const file = options.suggestOverlay;
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const actions = suggestions.actions.map((action) => redactDeep(action, secrets));
    if (actions.length > 0) {
      const text = overlayText(actions, { source: options.source, ...(existing === undefined ? {} : { existing }) });
      // Checked before the run; a file changed since is left alone.
      if (typeof text === 'string') writeFileSync(file, redactText(text, secrets));
    }
    overlayFile = { file, actions: actions.length };
  }
  const context: DriftContext = {
    mock: options.mock,
    suggestions,
    failOnDrift: options.failOnDrift,
    ...(overlayFile ? { overlayFile } : {}),
  };
  if (comparison.mockCannotJudge) {
    write(`\nnote: the run against the mock stopped early: ${redactText(comparison.mockCannotJudge, secrets)}\n`);
  } else if (comparison.mockReport && !comparison.mockReport.conforms) {
    const failed = comparison.mockReport.results.filter((r) => r.verdict === 'fail').map((r) => r.id);
    write(`\nnote: the mock itself failed ${failed.join(', ')}; its answers may not be what the docs say\n`);
  }
  write(redactText(formatDrift(drift, context), secrets));
  return {
    json: redactDeep(driftToJson(drift, context), secrets),
    html: driftHtmlSection(redactDeep(drift, secrets), redactDeep(context, secrets)),
    drifted: drift.differing > 0,
  };
}
