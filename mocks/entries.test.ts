/** The package's entry points: what they export, and that the browser one stays free of Node. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module a file reaches through relative imports, with the bare specifiers each imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g),
    ].map((m) => (m[1] ?? m[2]) as string);
    graph.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
    for (const s of specifiers) if (s.startsWith('.')) pending.push(resolve(dirname(file), s));
  }
  return graph;
}

describe('package entry points', () => {
  it('export the handlers for Node tests and browser apps, and the servers for Node', async () => {
    const node = await import('./node.ts');
    const browser = await import('./browser.ts');
    const core = await import('./index.ts');
    for (const entry of [node, browser, core]) {
      expect(Array.isArray(entry.handlers)).toBe(true);
      expect(entry.handlers.length).toBeGreaterThan(0);
      expect(typeof entry.createHandlers).toBe('function');
      expect(typeof entry.createAuthModel).toBe('function');
    }
    expect(typeof node.startMockServer).toBe('function');
    expect(typeof node.startPrism).toBe('function');
    expect('startMockServer' in browser).toBe(false);
  });

  it('keep the browser entry and the core free of node:* and msw/node', () => {
    for (const entry of ['browser.ts', 'core/plan-response.ts', 'core/auth-model.ts']) {
      const graph = importGraph(join(import.meta.dirname, entry));
      expect(graph.size).toBeGreaterThan(1);
      for (const [file, bare] of graph) {
        expect(
          bare.filter((s) => s.startsWith('node:') || s === 'msw/node'),
          file,
        ).toEqual([]);
      }
    }
  });

  it('keep msw out of the core, which the HTTP server uses directly', () => {
    const graph = importGraph(join(import.meta.dirname, 'node-server.ts'));
    for (const [file, bare] of graph)
      expect(
        bare.filter((s) => s.startsWith('msw')),
        file,
      ).toEqual([]);
  });
});
