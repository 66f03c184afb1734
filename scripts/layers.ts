// The project's layers and the rule between them: a module imports only from its own layer or a
// lower one, peers below the commands never import each other, and no chain of imports returns to
// where it started. `scripts/layers.test.ts` holds the whole source tree to it; docs/development.md
// draws the same map for people.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

export interface Layer {
  rank: number;
  name: string;
  /** Path patterns (`*` within a segment, `**` any depth), first matching layer wins. */
  patterns: string[];
}

/** Lowest first. A file's family is its top folder (mocks/core and mocks/generated count as mocks). */
export const layers: Layer[] = [
  {
    rank: 6,
    name: 'tools, apps and test support',
    patterns: [
      'scripts/**',
      'demo/**',
      'e2e/**',
      '**/fixtures/**',
      'proxy/fixtures.ts',
      'contract-tests/default-target.ts',
      '*.ts',
    ],
  },
  {
    rank: 5,
    name: 'commands',
    patterns: [
      'contract-tests/cli.ts',
      'contract-tests/command.ts',
      'contract-tests/args.ts',
      'contract-tests/judge-recording.ts',
      'contract-tests/compare-mock.ts',
      'contract-tests/compare-recording.ts',
      'contract-tests/mock-drift.ts',
      'proxy/cli.ts',
      'proxy/args.ts',
      'mocks/cli*.ts',
      'mocks/prism-cli.ts',
      'mocks/start.js',
      'mocks/generate-validators.ts',
      'coverage/**',
    ],
  },
  { rank: 4, name: 'sources, mocks and client', patterns: ['contract-tests/**', 'proxy/**', 'mocks/**', 'client/**'] },
  { rank: 3, name: 'traffic I/O and report formats', patterns: ['traffic/**', 'report/**'] },
  { rank: 2, name: 'judge', patterns: ['judge/**'] },
  { rank: 1, name: 'spec-derived', patterns: ['spec/generated/**', 'mocks/generated/**'] },
  { rank: 0, name: 'common', patterns: ['common/**'] },
];

/** Node modules that reach the network, the file system or other processes: never in the judge. */
export const ioModules =
  /^(node:)?(net|http|https|http2|tls|dgram|fs|fs\/promises|child_process|cluster|worker_threads)$/;

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; ) {
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 2;
    } else if (glob[i] === '*') {
      source += '[^/]*';
      i += 1;
    } else {
      source += (glob[i] as string).replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`^${source}$`);
}

const compiled = layers.map((layer) => ({ layer, regexps: layer.patterns.map(globToRegExp) }));

/** The layer of a repository-relative path, or undefined for a path outside every layer. */
export function layerOf(path: string): Layer | undefined {
  return compiled.find(({ regexps }) => regexps.some((r) => r.test(path)))?.layer;
}

export function familyOf(path: string): string {
  return path.split('/')[0] ?? path;
}

export interface Edge {
  from: string;
  /** A repository-relative path for a relative import; the bare specifier otherwise. */
  to: string;
  relative: boolean;
}

/** Every static, re-export, type-only and dynamic import of one source text. */
export function importsOf(path: string, text: string): Edge[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName }) =>
    fileName.startsWith('.')
      ? { from: path, to: normalize(join(dirname(path), fileName)), relative: true }
      : { from: path, to: fileName, relative: false },
  );
}

export function readEdges(root: string, paths: readonly string[]): Edge[] {
  return paths.flatMap((path) => importsOf(path, readFileSync(join(root, path), 'utf8')));
}

/** Imports that climb: to a higher layer, or sideways into a peer family below the commands. */
export function upwardImports(edges: readonly Edge[]): string[] {
  const found: string[] = [];
  for (const { from, to, relative } of edges) {
    if (!relative) continue;
    const a = layerOf(from);
    const b = layerOf(to);
    if (!a || !b) {
      found.push(`${from} -> ${to}: ${a ? to : from} is in no layer`);
    } else if (b.rank > a.rank) {
      found.push(`${from} (${a.name}) -> ${to} (${b.name})`);
    } else if (b.rank === a.rank && a.rank < 5 && familyOf(from) !== familyOf(to)) {
      found.push(`${from} -> ${to}: peers in the ${a.name} layer`);
    }
  }
  return found;
}

/** Import cycles among the given files (strongly connected components of two or more files, or a self-import). */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to, relative } of edges) {
    if (relative) next.set(from, [...(next.get(from) ?? []), to]);
  }
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as [string, number];
      const [node, i] = top;
      const targets = next.get(node) ?? [];
      if (i < targets.length) {
        top[1] = i + 1;
        const target = targets[i] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(node) as number));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || targets.includes(node)) found.push(component.sort());
      }
    }
  }
  return found;
}
