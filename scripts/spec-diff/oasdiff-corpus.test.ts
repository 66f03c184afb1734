/**
 * spec:diff against oasdiff's own checker test corpus: the agreement table must be exactly the
 * documented one. A new disagreement fails (fix the rule or document why we differ); a documented
 * one that went away fails too (drop it from differences.json).
 */
import { describe, expect, it } from 'vitest';
import { readDifferences, readManifest, runCorpus, tally } from './oasdiff-corpus/corpus.ts';

describe('spec:diff on the oasdiff checker corpus', () => {
  const manifest = readManifest();
  const results = runCorpus(manifest);

  it('runs every pair without an error', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(150);
    expect(results).toHaveLength(manifest.cases.length);
    expect(results.filter((r) => r.error).map((r) => `${r.case.name}: ${r.error}`)).toEqual([]);
  });

  it('disagrees with oasdiff exactly where differences.json says, for the reason it gives', () => {
    const table = tally(results);
    console.log(
      `oasdiff corpus: ${table.pairs} pairs, agree ${table.agree}, missed ${table.missed}, extra ${table.extra}`,
    );
    const actual = results
      .filter((r) => r.outcome !== 'agree')
      .map((r) => `${r.outcome} ${r.case.name}`)
      .sort();
    const documented = readDifferences()
      .map((d) => `${d.outcome} ${d.case}`)
      .sort();
    expect(actual).toEqual(documented);
  });

  it('documents every difference with a reason and names only real cases', () => {
    const names = new Set(manifest.cases.map((c) => c.name));
    for (const difference of readDifferences()) {
      expect(names.has(difference.case), difference.case).toBe(true);
      expect(difference.reason.length, difference.case).toBeGreaterThan(20);
    }
  });

  it('stays within the agreed bounds: at most 3 missed breaks and 10 extra flags', () => {
    const table = tally(results);
    expect(table.missed).toBeLessThanOrEqual(3);
    expect(table.extra).toBeLessThanOrEqual(10);
  });
});
