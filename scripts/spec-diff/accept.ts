/**
 * Accepted changes: a YAML file listing the breaking changes a team ships on purpose, each an
 * audited decision. An accepted change is still reported, but does not fail the run.
 *
 *   accepted:
 *     - id: response-property-removed
 *       pointer: /paths/~1v1~1api~1auth~1login/post/responses/200/content/application~1json/schema/properties/redirect
 *       reason: clients read the hint from the new endpoint since v2.3
 *       by: alice
 *       ticket: https://tracker.example/API-42   # optional
 *       until: 2027-03-31                         # optional: the entry no longer applies after this day
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { RULES } from './catalogue.ts';
import { SpecDiffError } from './diff-specs.ts';
import { isObject } from './schema-facts.ts';
import type { Change } from './types.ts';

export interface Acceptance {
  id: string;
  pointer: string;
  reason: string;
  /** Who decided. */
  by: string;
  ticket?: string;
  /** Last day (YYYY-MM-DD, UTC) the entry applies. */
  until?: string;
}

export interface ReportedChange extends Change {
  /** Why the change is accepted, when it is. */
  accepted?: string;
  /** Set when an entry matched but its `until` date has passed. */
  expired?: string;
}

const KNOWN_IDS = new Set(RULES.map((r) => r.id));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function loadAcceptances(file: string): Promise<Acceptance[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecDiffError(`cannot read acceptance file ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseAcceptances(text, file);
}

function text(entry: Record<string, unknown>, key: string, where: string, required: boolean): string | undefined {
  const value = entry[key];
  // YAML reads an unquoted 2027-03-31 as a date.
  if (value instanceof Date && key === 'until') return value.toISOString().slice(0, 10);
  if (value === undefined || value === null) {
    if (required) throw new SpecDiffError(`${where}: "${key}" is required (${REQUIRED_WHY[key]})`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') throw new SpecDiffError(`${where}: "${key}" must be text`);
  return value.trim();
}

const REQUIRED_WHY: Record<string, string> = {
  id: 'the rule id spec:diff printed',
  pointer: 'the JSON pointer spec:diff printed',
  reason: 'why breaking clients is acceptable',
  by: 'who accepted the change',
};

export function parseAcceptances(source: string, file: string): Acceptance[] {
  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    throw new SpecDiffError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return [];
  if (!isObject(data) || !Array.isArray(data.accepted)) {
    throw new SpecDiffError(`${file} must hold "accepted:", a list of { id, pointer, reason, by }`);
  }
  return data.accepted.map((entry, index): Acceptance => {
    const where = `${file}: accepted[${index}]`;
    if (!isObject(entry)) throw new SpecDiffError(`${where} must be an object with id, pointer, reason and by`);
    const id = text(entry, 'id', where, true) as string;
    if (!KNOWN_IDS.has(id)) throw new SpecDiffError(`${where}: id ${JSON.stringify(id)} is not a spec:diff rule id`);
    const pointer = typeof entry.pointer === 'string' ? entry.pointer : undefined;
    if (pointer === undefined || (pointer !== '' && !pointer.startsWith('/'))) {
      throw new SpecDiffError(`${where}: pointer must be a JSON pointer such as /paths/~1v1~1login/post`);
    }
    const reason = text(entry, 'reason', where, true) as string;
    const by = text(entry, 'by', where, true) as string;
    const ticket = text(entry, 'ticket', where, false);
    const until = text(entry, 'until', where, false);
    if (until !== undefined && (!DATE.test(until) || Number.isNaN(Date.parse(until)))) {
      throw new SpecDiffError(`${where}: until must be a date such as 2027-03-31, not ${JSON.stringify(until)}`);
    }
    const unknown = Object.keys(entry).filter((k) => !['id', 'pointer', 'reason', 'by', 'ticket', 'until'].includes(k));
    if (unknown.length) throw new SpecDiffError(`${where}: unknown field(s) ${unknown.join(', ')}`);
    return { id, pointer, reason, by, ...(ticket ? { ticket } : {}), ...(until ? { until } : {}) };
  });
}

export interface AcceptanceResult {
  changes: ReportedChange[];
  /** Entries that matched no change: each fails the run until deleted. */
  stale: Acceptance[];
  /** The base's entries that matched nothing: shipped earlier, safe to delete. */
  shipped: Acceptance[];
}

const sameEntry = (a: Acceptance, b: Acceptance) => a.id === b.id && a.pointer === b.pointer;

/**
 * Marks accepted changes. `today` is YYYY-MM-DD; an entry past its `until` no longer accepts.
 * `inherited` are the base revision's entries: one of those that matches nothing shipped with an
 * earlier change, so it is not stale here (the diff of that earlier change is where it mattered).
 */
export function applyAcceptances(
  changes: readonly Change[],
  acceptances: readonly Acceptance[],
  today: string,
  inherited: readonly Acceptance[] = [],
): AcceptanceResult {
  const used = new Set<Acceptance>();
  const marked = changes.map((change): ReportedChange => {
    const match = acceptances.find((a) => a.id === change.id && a.pointer === change.pointer);
    if (!match) return change;
    used.add(match);
    if (match.until !== undefined && match.until < today) return { ...change, expired: match.until };
    return { ...change, accepted: `${match.reason} (${match.by}${match.ticket ? `, ${match.ticket}` : ''})` };
  });
  const unused = acceptances.filter((a) => !used.has(a));
  const isInherited = (a: Acceptance) => inherited.some((b) => sameEntry(a, b));
  return { changes: marked, stale: unused.filter((a) => !isInherited(a)), shipped: unused.filter(isInherited) };
}
