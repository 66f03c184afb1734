// The drift report in two formats: a console table (one line per difference, grouped by request)
// and a JSON section for the contract report. Both come from the same pure model; values shown
// are statuses, media types, field types, `code` values and watched headers, never secrets.

import { driftAspects } from '../judge/drift/compare-answers.ts';
import type { DriftReport } from '../judge/drift/drift.ts';
import type { OverlaySuggestions } from '../judge/drift/suggest-overlay.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const printable = (text: string) => text.replace(controlChars, '\ufffd');

function cell(text: string, width: number): string {
  const flat = printable(text).replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

export interface DriftContext {
  /** Who the server's answers are compared with, e.g. `the mock (stateful, in-process)`. */
  mock: string;
  suggestions?: OverlaySuggestions;
  /** Where the suggested overlay went, with its action count. */
  overlayFile?: { file: string; actions: number };
  failOnDrift: boolean;
}

export function formatDrift(drift: DriftReport, context: DriftContext): string {
  const lines: string[] = [];
  const counts = driftAspects.filter((a) => drift.byAspect[a] > 0).map((a) => `${a} ${drift.byAspect[a]}`);
  lines.push(
    '',
    `Drift: the same requests against ${context.mock}: ${drift.paired} paired, ${drift.differing} differ${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`,
  );
  const drifting = drift.rows.filter((row) => row.differences.length > 0);
  if (drifting.length > 0) {
    lines.push(`  ${cell('REQUEST', 44)} ${cell('DIFFERS IN', 30)} ${cell('SERVER', 26)} MOCK`);
    for (const row of drifting) {
      for (const [index, d] of row.differences.entries()) {
        const what = d.aspect === 'body' || d.aspect === 'code' ? `${d.aspect} ${d.what}` : d.what;
        lines.push(
          `  ${cell(index === 0 ? row.label : '', 44)} ${cell(what, 30)} ${cell(d.server, 26)} ${printable(d.mock)}`.trimEnd(),
        );
      }
    }
  }
  for (const row of drift.rows) {
    if (row.server === undefined)
      lines.push(`  only the mock got "${printable(row.label)}" (the server run had stopped)`);
    else if (row.mock === undefined) lines.push(`  only the server got "${printable(row.label)}"`);
  }
  const documented = context.suggestions?.documented ?? [];
  if (documented.length > 0) {
    lines.push(
      '',
      'Where the server differs from a documented answer (the docs fix these, so they are never suggested for the mock; the checks above judge them):',
    );
    for (const d of documented)
      lines.push(
        `  "${printable(d.label)}": ${printable(d.what)} is ${printable(d.server)} on the server, ${printable(d.mock)} as documented`,
      );
  }
  for (const note of context.suggestions?.notes ?? []) lines.push(`  note: ${printable(note)}`);
  if (context.overlayFile) {
    lines.push(
      context.overlayFile.actions > 0
        ? `suggested overlay: ${context.overlayFile.file} (${context.overlayFile.actions} action${context.overlayFile.actions === 1 ? '' : 's'}); put it in spec/overlays/ and run npm run spec`
        : `suggested overlay: nothing to suggest, ${context.overlayFile.file} not written`,
    );
  }
  lines.push(
    drift.differing === 0
      ? 'No drift: the mock answers as the server does.'
      : context.failOnDrift
        ? 'Drift fails this run (--fail-on-drift).'
        : 'Drift is not a violation; --fail-on-drift makes it fail the run.',
  );
  return `${lines.join('\n')}\n`;
}

/** The `drift` section of the JSON report. */
export function driftToJson(drift: DriftReport, context: DriftContext) {
  return {
    against: context.mock,
    paired: drift.paired,
    differing: drift.differing,
    unpaired: drift.unpaired,
    byAspect: drift.byAspect,
    rows: drift.rows.map((row) => ({
      label: row.label,
      method: row.method,
      path: row.path,
      ...(row.server === undefined ? {} : { server: row.server }),
      ...(row.mock === undefined ? {} : { mock: row.mock }),
      ...(row.specResponse
        ? {
            mockResponse: `${row.specResponse.method} ${row.specResponse.path} ${row.specResponse.statusKey}${row.specResponse.example ? ` ${row.specResponse.example}` : ''}`,
            documented: !row.specResponse.assumed,
          }
        : {}),
      differences: row.differences,
    })),
    documented: context.suggestions?.documented ?? [],
    notes: context.suggestions?.notes ?? [],
    ...(context.overlayFile ? { suggestedOverlay: context.overlayFile } : {}),
  };
}

const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;

/** JSON Schema (2020-12) of the `drift` section. */
export const driftJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['against', 'paired', 'differing', 'unpaired', 'byAspect', 'rows', 'documented', 'notes'],
  properties: {
    against: text,
    paired: count,
    differing: count,
    unpaired: count,
    byAspect: {
      type: 'object',
      additionalProperties: false,
      required: [...driftAspects],
      properties: Object.fromEntries(driftAspects.map((a) => [a, count])),
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'method', 'path', 'differences'],
        properties: {
          label: text,
          method: text,
          path: text,
          server: text,
          mock: text,
          mockResponse: {
            ...text,
            description: 'the spec response the mock answered with: METHOD PATH STATUS [EXAMPLE]',
          },
          documented: { type: 'boolean', description: 'the docs fix that answer (else the overlay assumed it)' },
          differences: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['aspect', 'what', 'server', 'mock'],
              properties: { aspect: { enum: [...driftAspects] }, what: text, server: text, mock: text },
            },
          },
        },
      },
    },
    documented: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'method', 'path', 'what', 'server', 'mock'],
        properties: { label: text, method: text, path: text, what: text, server: text, mock: text },
      },
    },
    notes: { type: 'array', items: text },
    suggestedOverlay: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'actions'],
      properties: { file: text, actions: count },
    },
  },
} as const;

const escapeHtml = (text: string) => printable(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The drift as a self-contained HTML `<section>` (no scripts, no external resources), for an HTML
 * report to embed: the counts, then one table row per difference.
 */
export function driftHtmlSection(drift: DriftReport, context: DriftContext): string {
  const counts = driftAspects.filter((a) => drift.byAspect[a] > 0).map((a) => `${a} ${drift.byAspect[a]}`);
  const rows = drift.rows.flatMap((row) =>
    row.differences.map(
      (d, index) =>
        `<tr><td>${index === 0 ? escapeHtml(row.label) : ''}</td><td>${escapeHtml(d.aspect === 'body' || d.aspect === 'code' ? `${d.aspect} ${d.what}` : d.what)}</td><td>${escapeHtml(d.server)}</td><td>${escapeHtml(d.mock)}</td></tr>`,
    ),
  );
  const documented = (context.suggestions?.documented ?? []).map(
    (d) => `<li>${escapeHtml(`"${d.label}": ${d.what} is ${d.server} on the server, ${d.mock} as documented`)}</li>`,
  );
  return [
    '<section class="drift">',
    `<h2>Drift: the same requests against ${escapeHtml(context.mock)}</h2>`,
    `<p>${drift.paired} paired, ${drift.differing} differ${counts.length > 0 ? ` (${escapeHtml(counts.join(', '))})` : ''}. ${
      context.failOnDrift ? 'Drift fails this run (--fail-on-drift).' : 'Drift is not a violation.'
    }</p>`,
    ...(rows.length > 0
      ? [
          '<table><thead><tr><th>request</th><th>differs in</th><th>server</th><th>mock</th></tr></thead><tbody>',
          ...rows,
          '</tbody></table>',
        ]
      : []),
    ...(documented.length > 0
      ? ['<p>Where the server differs from a documented answer:</p><ul>', ...documented, '</ul>']
      : []),
    ...(context.overlayFile && context.overlayFile.actions > 0
      ? [`<p>Suggested overlay: ${escapeHtml(context.overlayFile.file)} (${context.overlayFile.actions} actions).</p>`]
      : []),
    '</section>',
  ].join('\n');
}
