// Overlay actions that would make the mock answer like the server where the docs leave room: the
// status a refusal is sent with, the assumed error bodies (codes and descriptions), and the
// Cache-Control and Retry-After headers. What the docs fix (the documented answers) is never
// changed: a difference there is the server's violation, and is returned as one.
import type { Api } from '../api.ts';
import type { Exchange } from '../exchange.ts';
import { judgeRejection } from '../judge.ts';
import { bodyShape, maxDepth } from './answer-shape.ts';
import { headerLabel } from './compare-answers.ts';
import type { DriftReport, DriftRow } from './drift.ts';
import type { SpecResponse } from './spec-response.ts';

export interface SuggestedAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
  /** The exchange it came from, for the comment above the action. */
  from: string;
}

export interface DocumentedDifference {
  label: string;
  method: string;
  path: string;
  what: string;
  server: string;
  mock: string;
}

export interface OverlaySuggestions {
  actions: SuggestedAction[];
  /** Where the server differs from a documented answer: its violation, never suggested away. */
  documented: DocumentedDifference[];
  /** Differences no overlay action can remove, in plain words. */
  notes: string[];
}

/** The headers an overlay can set on a response (the mock sends a response's header examples). */
const settableHeaders = ['cache-control', 'retry-after'] as const;

const quote = (text: string) => `'${text.replaceAll("'", "\\'")}'`;

export function responseTarget(response: SpecResponse): string {
  return `$.paths[${quote(response.path)}].${response.method.toLowerCase()}.responses[${quote(response.statusKey)}]`;
}

function from(row: DriftRow, others: number): string {
  const more = others > 0 ? `; and ${others} more like it` : '';
  return `from "${row.label}" (${row.method} ${row.path}): the server answered ${row.server}, the mock ${row.mock}${more}`;
}

/** The most common value and the rows that gave it, first seen first on a tie. */
function mostCommon<T>(rows: readonly DriftRow[], pick: (row: DriftRow) => T | undefined) {
  const counts = new Map<string, { value: T; rows: DriftRow[] }>();
  for (const row of rows) {
    const value = pick(row);
    if (value === undefined) continue;
    const key = JSON.stringify(value);
    const entry = counts.get(key);
    if (entry) entry.rows.push(row);
    else counts.set(key, { value, rows: [row] });
  }
  const sorted = [...counts.values()].sort((a, b) => b.rows.length - a.rows.length);
  return { top: sorted[0], others: sorted.slice(1) };
}

/** Longest text body copied into a suggestion. */
const maxTextBody = 2000;

/** A JSON body as parsed; a text body (of a non-JSON media type) as its text; else undefined. */
const bodyOf = (exchange: Exchange | undefined): unknown => {
  const response = exchange?.response;
  if (!response) return undefined;
  if (response.json.ok) return nestsWithin(response.json.value, maxDepth) ? response.json.value : undefined;
  const essence = response.mediaType?.essence;
  if (response.text.trim() === '' || response.truncated || essence === undefined || isJsonType(essence))
    return undefined;
  return response.text.slice(0, maxTextBody);
};

/** Whether a value nests no deeper than `limit` (checked without recursion: hostile bodies nest deep). */
function nestsWithin(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}

const isJsonType = (essence: string) => /^application\/([\w.-]+\+)?json$/.test(essence);

function signature(body: unknown): string {
  if (typeof body === 'string') return 'text';
  const { fields, codes } = bodyShape(body);
  return JSON.stringify([[...fields].sort(), [...codes].sort()]);
}

/** A body a suggestion can carry: a JSON object, or the text of a text answer. */
const usable = (body: unknown) => typeof body === 'string' || isObject(body);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether a body fits the overlay's assumed error envelope: a non-zero integer `code` and a string `desc`. */
function fitsEnvelope(body: unknown): boolean {
  return isObject(body) && Number.isInteger(body.code) && body.code !== 0 && typeof body.desc === 'string';
}

const isEnvelopeRef = (schema: unknown) => isObject(schema) && schema.$ref === '#/components/schemas/ErrorEnvelope';

/**
 * The assumed answer's examples (and, when the server's errors come as another JSON media type,
 * its content) replaced by the server's answers: per example, the body most of its exchanges got.
 */
function bodyActions(
  target: string,
  spec: SpecResponse,
  refusals: readonly DriftRow[],
  redact: <T>(value: T) => T,
  notes: string[],
): SuggestedAction[] {
  const withJson = refusals.filter((row) => usable(bodyOf(row.exchanges.server)));
  const changed = new Map<string, { value: unknown; origin: string }>();
  const byExample = new Map<string, DriftRow[]>();
  for (const row of withJson) {
    const name = row.specResponse?.example;
    if (name !== undefined) byExample.set(name, [...(byExample.get(name) ?? []), row]);
  }
  for (const [name, rows] of byExample) {
    const body = mostCommon(rows, (row) => signature(bodyOf(row.exchanges.server)));
    if (!body.top) continue;
    for (const other of body.others) {
      const odd = other.rows[0] as DriftRow;
      notes.push(
        `"${odd.label}" got ${odd.server} from the server, unlike the ${body.top.rows.length} other answers the mock gives as ${spec.statusKey} ${name}: one mock answer takes one body`,
      );
    }
    const row = body.top.rows[0] as DriftRow;
    const same =
      body.top.value === signature(bodyOf(row.exchanges.mock)) && !row.differences.some((d) => d.aspect === 'code');
    if (!same)
      changed.set(name, { value: redact(bodyOf(row.exchanges.server)), origin: from(row, body.top.rows.length - 1) });
  }
  const media = mostCommon(withJson, (row) => row.exchanges.server?.response?.mediaType?.essence);
  const mediaType = media.top?.value;
  const newMediaType = mediaType !== undefined && mediaType !== spec.mediaType;
  const odd = refusals.find((row) => !usable(bodyOf(row.exchanges.server)));
  if (odd) {
    notes.push(
      `${spec.method} ${spec.path} ${spec.statusKey}: the server's answer to "${odd.label}" (${odd.server}) has no body a suggestion can carry (a JSON object or text)`,
    );
  }
  if (changed.size === 0 && !newMediaType) return [];
  const values: Record<string, unknown> = { ...spec.examples };
  for (const [name, { value }] of changed) values[name] = value;
  // An example no exchange reached, in a form the server does not use: the server's nearest answer.
  const first = changed.values().next().value as { value: unknown } | undefined;
  if (first !== undefined) {
    for (const [name, value] of Object.entries(values)) {
      if (!changed.has(name) && signature(value) !== signature(first.value)) values[name] = first.value;
    }
  }
  const fits = Object.values(values).every(fitsEnvelope);
  const texts = Object.values(values).every((value) => typeof value === 'string');
  const schema = fits || !isEnvelopeRef(spec.schema) ? spec.schema : { type: texts ? 'string' : 'object' };
  const currentType = quote(spec.mediaType ?? 'application/json');
  if (newMediaType) {
    const origin = from(media.top?.rows[0] as DriftRow, (media.top?.rows.length ?? 1) - 1);
    return [
      {
        target: `${target}.content`,
        description: `Replace the assumed ${spec.mediaType} answer.`,
        remove: true,
        from: origin,
      },
      {
        target,
        description: `The server answers ${mediaType}${changed.size > 0 ? ', with these bodies' : ''}.`,
        update: {
          content: {
            [mediaType]: {
              ...(schema === undefined ? {} : { schema }),
              examples: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])),
            },
          },
        },
        from: origin,
      },
    ];
  }
  const out: SuggestedAction[] = [];
  const origin0 = (changed.values().next().value as { origin: string } | undefined)?.origin ?? '';
  for (const [name, value] of Object.entries(values)) {
    if (!changed.has(name) && value !== spec.examples[name]) changed.set(name, { value, origin: origin0 });
  }
  for (const [name, { value, origin }] of changed) {
    const example = `${target}.content[${currentType}].examples[${quote(name)}]`;
    out.push(
      {
        target: `${example}.value`,
        description: `Replace the assumed example ${name} by the server's answer.`,
        remove: true,
        from: origin,
      },
      {
        target: example,
        description: "The server's answer: its fields, types and code.",
        update: { value },
        from: origin,
      },
    );
  }
  if (schema !== spec.schema) {
    const origin = (changed.values().next().value as { origin: string }).origin;
    out.push(
      {
        target: `${target}.content[${currentType}].schema`,
        description: 'The assumed {code, desc} envelope does not fit the server.',
        remove: true,
        from: origin,
      },
      {
        target: `${target}.content[${currentType}]`,
        description: "Any JSON object, as the server's errors are.",
        update: { schema },
        from: origin,
      },
    );
  }
  return out;
}

/** JWT or opaque: the docs allow either, so a token of the other kind is drift, not a violation. */
const isTokenKind = (type: string) => type === 'JWT' || type === 'opaque token';

const documentedAspects = new Set(['answer', 'status', 'media type', 'code']);

export function suggestOverlay(
  drift: DriftReport,
  api: Api,
  /** Masks secrets in anything copied from an answer (the run's passwords and tokens). */
  redact: <T>(value: T) => T,
): OverlaySuggestions {
  const actions: SuggestedAction[] = [];
  const documented: DocumentedDifference[] = [];
  const notes: string[] = [];
  const groups = new Map<string, DriftRow[]>();
  for (const row of drift.rows) {
    if (!row.specResponse || !row.exchanges.server?.response || !row.exchanges.mock?.response) continue;
    const key = responseTarget(row.specResponse);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }

  for (const [target, rows] of groups) {
    const spec = (rows[0] as DriftRow).specResponse as SpecResponse;
    if (!spec.assumed) {
      for (const row of rows) {
        for (const d of row.differences) {
          // A field the server adds is allowed; one it lacks or types differently is not.
          const violates =
            documentedAspects.has(d.aspect) ||
            (d.aspect === 'body' && d.server === 'absent') ||
            (d.aspect === 'body' && d.mock !== 'absent' && !(isTokenKind(d.server) && isTokenKind(d.mock)));
          if (violates)
            documented.push({
              label: row.label,
              method: row.method,
              path: row.path,
              what: d.what,
              server: d.server,
              mock: d.mock,
            });
        }
      }
    } else {
      // Only a clear refusal from the server is a style the mock may copy.
      const refusals = rows.filter((row) => {
        const server = row.exchanges.server as Exchange;
        // A body nesting deeper than the walk goes is no style to copy (and no input for the judge's walks).
        const json = server.response?.json;
        if (json?.ok && !nestsWithin(json.value, maxDepth)) return false;
        return judgeRejection(server, api) === undefined;
      });
      const status = mostCommon(refusals, (row) => row.exchanges.server?.response?.status);
      if (status.top && status.top.value !== spec.sentStatus) {
        const others = status.others.map((o) => `${o.value} for "${(o.rows[0] as DriftRow).label}"`);
        actions.push({
          target,
          description:
            `The server sends this answer with HTTP ${status.top.value}; the mock does the same.` +
            (others.length > 0 ? ` (It also answered ${others.join(', ')}: one mock answer takes one status.)` : ''),
          update: { 'x-mock-status': status.top.value },
          from: from(status.top.rows[0] as DriftRow, status.top.rows.length - 1),
        });
      }
      actions.push(...bodyActions(target, spec, refusals, redact, notes));
    }
    for (const name of settableHeaders) {
      const sides = rows.map((row) => ({
        row,
        server: row.exchanges.server?.response?.headers[name],
        mock: row.exchanges.mock?.response?.headers[name],
      }));
      const value = mostCommon(rows, (row) => row.exchanges.server?.response?.headers[name] ?? null);
      if (!value.top || value.others.length > 0) continue;
      const first = value.top.rows[0] as DriftRow;
      // Token answers keep `no-store` (RFC 6749 §5.1, the cache-control-no-store check): a server without it is judged, not copied.
      if (name === 'cache-control' && !spec.assumed && !/\bno-store\b/i.test(value.top.value ?? '')) {
        if (first.differences.some((d) => d.aspect === 'header' && d.what === headerLabel(name))) {
          notes.push(
            `${spec.method} ${spec.path} ${spec.statusKey}: the server answers without Cache-Control: no-store ("${first.label}"); the mock keeps it (see the cache-control-no-store check)`,
          );
        }
        continue;
      }
      if (value.top.value === null) {
        if (sides.some((s) => s.mock !== undefined)) {
          const omitted = spec.omitHeaders.map((h) => h.toLowerCase());
          actions.push({
            target,
            description: `The server sends no ${headerLabel(name)} with this answer; the mock leaves it out too.`,
            update: { 'x-mock-omit-headers': [...new Set([...omitted, name])].map(headerLabel) },
            from: from(first, value.top.rows.length - 1),
          });
        }
        continue;
      }
      if (!first.differences.some((d) => d.aspect === 'header' && d.what === headerLabel(name))) continue;
      const raw = value.top.value;
      actions.push({
        target,
        description: `The server sends ${headerLabel(name)} with this answer.`,
        update: {
          headers: {
            [headerLabel(name)]: {
              description: `As the server sends it.`,
              schema:
                name === 'retry-after' && /^\d+$/.test(raw) ? { type: 'integer', minimum: 0 } : { type: 'string' },
              example: name === 'retry-after' && /^\d+$/.test(raw) ? Number(raw) : redact(raw),
            },
          },
        },
        from: from(first, value.top.rows.length - 1),
      });
    }
  }
  return { actions, documented, notes };
}
