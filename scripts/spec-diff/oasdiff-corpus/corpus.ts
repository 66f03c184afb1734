/**
 * oasdiff's checker test pairs as a yardstick for spec:diff: each case is two spec files and the
 * verdict oasdiff's own tests assert (breaking = an ERR among the changes they expect). Running the
 * corpus compares our verdict at `--fail-on ERR` with theirs, in-process.
 * How the cases were extracted is in extract.ts; where we deliberately differ, and why, is in
 * differences.json (rendered on docs/diff-rules.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULES } from '../catalogue.ts';
import { diffSpecs } from '../diff-specs.ts';
import type { Change, Json } from '../types.ts';

const DIR = import.meta.dirname;

/**
 * oasdiff applies its sunset rules always (with 0 days' notice unless told otherwise); spec:diff
 * only with --deprecation-policy, so the corpus runs with it, on a fixed day between the past
 * (2022, 2023) and future (2099, 9999) sunsets its files use.
 */
export const CORPUS_TODAY = '2026-01-01';

export interface CorpusCase {
  name: string;
  tests: string[];
  base: string;
  head: string;
  breaking: boolean;
  ids: { id: string; level: string }[];
  /** The part of the document oasdiff's test judged, when it ran a single check (see extract.ts). */
  scope?: 'request' | 'response' | 'request-schema' | 'response-schema' | 'operation';
  deprecationDays?: [number, number];
}

export interface Manifest {
  source: string;
  commit: string;
  cases: CorpusCase[];
  skipped: { test: string; reason: string }[];
}

export type Outcome = 'agree' | 'missed' | 'extra';

export interface CaseResult {
  case: CorpusCase;
  outcome: Outcome;
  changes: Change[];
  /** Why spec:diff could not compare the pair (the case then counts as missed or agreed by its verdict). */
  error?: string;
}

/** A case where we deliberately disagree with oasdiff's verdict, and why. */
export interface Difference {
  case: string;
  outcome: Exclude<Outcome, 'agree'>;
  reason: string;
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;
}

export function readDifferences(): Difference[] {
  return JSON.parse(readFileSync(join(DIR, 'differences.json'), 'utf8')) as Difference[];
}

/** Runs every case (each file parsed once), in manifest order. */
export function runCorpus(manifest: Manifest = readManifest()): CaseResult[] {
  const documents = new Map<string, Json>();
  const load = (file: string): Json => {
    let document = documents.get(file);
    if (!document) {
      document = parse(readFileSync(join(DIR, 'data', file), 'utf8')) as Json;
      documents.set(file, document);
    }
    // Rules never write to the documents, but a case must not be able to affect the next one.
    return structuredClone(document);
  };
  return manifest.cases.map((c) => {
    const [betaDays, stableDays] = c.deprecationDays ?? [0, 0];
    const deprecation = { today: CORPUS_TODAY, betaDays, stableDays };
    let changes: Change[] = [];
    let error: string | undefined;
    try {
      changes = diffSpecs(load(c.base), load(c.head), RULES, { deprecation });
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const ours = changes.some((change) => change.level === 'ERR' && inScope(change, c.scope));
    const outcome: Outcome = ours === c.breaking ? 'agree' : c.breaking ? 'missed' : 'extra';
    return { case: c, outcome, changes, ...(error === undefined ? {} : { error }) };
  });
}

/** Whether a change lies in the part of the document oasdiff's test judged. */
function inScope(change: Change, scope: CorpusCase['scope']): boolean {
  if (scope === undefined) return true;
  const side = /\/responses\//.test(change.pointer)
    ? 'response'
    : /\/(requestBody|parameters)(\/|$)/.test(change.pointer)
      ? 'request'
      : undefined;
  if (scope === 'operation') return side === undefined;
  if (side === undefined) return true; // operation-level changes count for every check
  const schema = /\/schema(\/|$)/.test(change.pointer);
  return scope === side || (scope === `${side}-schema` && schema);
}

export function tally(results: readonly CaseResult[]): Record<Outcome, number> & { pairs: number } {
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  return { pairs: results.length, agree: count('agree'), missed: count('missed'), extra: count('extra') };
}

/** The corpus as docs/diff-rules.md shows it: where it comes from, the table, and every difference. */
export interface CorpusSummary {
  source: string;
  commit: string;
  table: ReturnType<typeof tally>;
  differences: Difference[];
}

export function corpusSummary(): CorpusSummary {
  const manifest = readManifest();
  return {
    source: manifest.source,
    commit: manifest.commit,
    table: tally(runCorpus(manifest)),
    differences: readDifferences(),
  };
}
