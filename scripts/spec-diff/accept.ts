/**
 * Acknowledged changes: a YAML file listing the breaking changes a team ships on purpose. An
 * acknowledged change is still reported, but does not fail the run.
 *
 *   accepted:
 *     - id: response-property-removed
 *       pointer: /paths/~1v1~1api~1auth~1login/post/responses/200/content/application~1json/schema/properties/redirect
 *       reason: clients read the hint from the new endpoint since v2.3
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
  reason?: string;
}

export interface ReportedChange extends Change {
  /** Why the change is acknowledged, when it is. */
  accepted?: string;
}

const KNOWN_IDS = new Set(RULES.map((r) => r.id));

export async function loadAcceptances(file: string): Promise<Acceptance[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecDiffError(`cannot read acknowledgement file ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseAcceptances(text, file);
}

export function parseAcceptances(text: string, file: string): Acceptance[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new SpecDiffError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return [];
  if (!isObject(data) || !Array.isArray(data.accepted)) {
    throw new SpecDiffError(`${file} must hold "accepted:", a list of { id, pointer, reason }`);
  }
  return data.accepted.map((entry, index): Acceptance => {
    const where = `${file}: accepted[${index}]`;
    if (!isObject(entry)) throw new SpecDiffError(`${where} must be an object with id and pointer`);
    const { id, pointer, reason } = entry;
    if (typeof id !== 'string' || !KNOWN_IDS.has(id)) {
      throw new SpecDiffError(`${where}: id ${JSON.stringify(id)} is not a spec:diff rule id`);
    }
    if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) {
      throw new SpecDiffError(`${where}: pointer must be a JSON pointer such as /paths/~1v1~1login/post`);
    }
    if (reason !== undefined && typeof reason !== 'string') throw new SpecDiffError(`${where}: reason must be text`);
    return { id, pointer, ...(reason ? { reason } : {}) };
  });
}

/** Marks acknowledged changes; returns the acknowledgements that matched nothing (stale entries). */
export function applyAcceptances(
  changes: readonly Change[],
  acceptances: readonly Acceptance[],
): { changes: ReportedChange[]; unused: Acceptance[] } {
  const used = new Set<Acceptance>();
  const marked = changes.map((change): ReportedChange => {
    const match = acceptances.find((a) => a.id === change.id && a.pointer === change.pointer);
    if (!match) return change;
    used.add(match);
    return { ...change, accepted: match.reason ?? 'listed as accepted' };
  });
  return { changes: marked, unused: acceptances.filter((a) => !used.has(a)) };
}
