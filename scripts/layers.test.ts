// The house rule over the whole non-test source tree: imports only point down (or stay in their
// family), nothing imports in a circle, and the judge touches no network, file or CLI module.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, type Edge, importsOf, ioModules, layerOf, readEdges, upwardImports } from './layers.ts';

const root = join(import.meta.dirname, '..');
const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root })
  .toString()
  .split('\n')
  .filter((path) => /\.(ts|js|mjs)$/.test(path) && !/\.test\.ts$|\.test-d\.ts$|\.d\.ts$/.test(path))
  .filter((path) => !path.startsWith('dist/') && !path.includes('node_modules/'));
const edges = readEdges(root, sources);
const judgeFiles = sources.filter((path) => path.startsWith('judge/'));

describe('the source tree', () => {
  it('puts every non-test source file in a layer', () => {
    expect(sources.length).toBeGreaterThan(150);
    expect(sources.filter((path) => !layerOf(path))).toEqual([]);
  });

  it('has no import from a lower layer to a higher one, nor between peer families', () => {
    expect(edges.filter((edge) => edge.relative).length).toBeGreaterThan(400);
    expect(upwardImports(edges)).toEqual([]);
  });

  it('has no import cycle, let alone two files importing each other', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('keeps the judge pure: no network, file or process module, no command', () => {
    expect(judgeFiles.length).toBeGreaterThan(30);
    const fromJudge = edges.filter((edge) => edge.from.startsWith('judge/'));
    expect(fromJudge.filter((edge) => !edge.relative && ioModules.test(edge.to))).toEqual([]);
    expect(fromJudge.filter((edge) => edge.relative && (layerOf(edge.to)?.rank ?? 99) > 2)).toEqual([]);
    const processUse = judgeFiles.filter((path) =>
      /\bprocess\.(argv|exit|env|stdout|stderr|stdin|cwd)\b/.test(readFileSync(join(root, path), 'utf8')),
    );
    expect(processUse).toEqual([]);
  });
});

describe('the layer check itself', () => {
  const edge = (from: string, to: string): Edge => ({ from, to, relative: true });

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../judge/b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('../proxy/d.ts');",
      "import { createServer } from 'node:net';",
    ].join('\n');
    expect(importsOf('report/x.ts', text)).toEqual([
      edge('report/x.ts', 'report/a.ts'),
      edge('report/x.ts', 'judge/b.ts'),
      edge('report/x.ts', 'report/c.ts'),
      edge('report/x.ts', 'proxy/d.ts'),
      { from: 'report/x.ts', to: 'node:net', relative: false },
    ]);
  });

  it('catches an upward import, a peer import and a file outside every layer', () => {
    expect(
      upwardImports([
        edge('judge/judge.ts', 'contract-tests/cli.ts'),
        edge('common/json.ts', 'judge/api.ts'),
        edge('traffic/har.ts', 'report/console.ts'),
        edge('judge/x.ts', 'nowhere/y.ts'),
        edge('proxy/session.ts', 'judge/judge-exchange.ts'),
        edge('proxy/cli.ts', 'mocks/cli-args.ts'),
      ]),
    ).toEqual([
      'judge/judge.ts (judge) -> contract-tests/cli.ts (commands)',
      'common/json.ts (common) -> judge/api.ts (judge)',
      'traffic/har.ts -> report/console.ts: peers in the traffic I/O and report formats layer',
      'judge/x.ts -> nowhere/y.ts: nowhere/y.ts is in no layer',
    ]);
  });

  it('finds a cycle of any length', () => {
    const found = cycles([
      edge('judge/a.ts', 'judge/b.ts'),
      edge('judge/b.ts', 'judge/c.ts'),
      edge('judge/c.ts', 'judge/a.ts'),
      edge('judge/c.ts', 'judge/d.ts'),
      edge('judge/e.ts', 'judge/e.ts'),
    ]);
    expect(found).toEqual([['judge/a.ts', 'judge/b.ts', 'judge/c.ts'], ['judge/e.ts']]);
  });
});
