import { describe, expect, it } from 'vitest';
import { applyOverlay, type OverlayAction } from './apply-overlay.ts';

const base = () => ({
  info: { title: 'T', version: '1' },
  servers: [{ url: 'https://a.test' }],
  paths: { '/a': { get: { summary: 'A', responses: { '200': { description: 'OK' } } } } },
});

const overlay = (...actions: OverlayAction[]) => ({ overlay: '1.0.0', info: { title: 'o', version: '1' }, actions });

describe('applyOverlay (Overlay 1.0)', () => {
  it.each<[string, OverlayAction, (doc: ReturnType<typeof base>) => unknown, unknown]>([
    [
      'merges objects recursively',
      { target: "$.paths['/a'].get", update: { operationId: 'getA', responses: { '404': { description: 'x' } } } },
      (d) => d.paths['/a'].get,
      { summary: 'A', operationId: 'getA', responses: { '200': { description: 'OK' }, '404': { description: 'x' } } },
    ],
    [
      'appends to arrays',
      { target: '$.servers', update: { url: 'http://127.0.0.1' } },
      (d) => d.servers,
      [{ url: 'https://a.test' }, { url: 'http://127.0.0.1' }],
    ],
    [
      'removes targets',
      { target: "$.paths['/a'].get.summary", remove: true },
      (d) => d.paths['/a'].get,
      { responses: { '200': { description: 'OK' } } },
    ],
    [
      'updates the root',
      { target: '$', update: { tags: [{ name: 't' }] } },
      (d) => (d as unknown as { tags: unknown }).tags,
      [{ name: 't' }],
    ],
    ['replaces primitives', { target: '$.info.title', update: 'New' }, (d) => d.info.title, 'New'],
  ])('%s', (_name, action, pick, want) => {
    expect(pick(applyOverlay(base(), overlay(action)) as ReturnType<typeof base>)).toEqual(want);
  });

  it('leaves its input untouched', () => {
    const doc = base();
    applyOverlay(doc, overlay({ target: '$.info', update: { title: 'changed' } }));
    expect(doc).toEqual(base());
  });

  it('skips an action whose target matches nothing, naming it in a warning, and applies the rest', () => {
    const warnings: string[] = [];
    const doc = applyOverlay(
      base(),
      overlay(
        { target: "$.paths['/gone'].post", update: { operationId: 'gone' } },
        { target: '$.info', update: { title: 'kept' } },
      ),
      warnings,
    ) as ReturnType<typeof base>;
    expect(warnings).toEqual([
      "overlay action 1 ($.paths['/gone'].post) matches nothing in the document; skipped (edit or delete it in the overlay)",
    ]);
    expect(doc.info.title).toBe('kept');
    expect(doc.paths).toEqual(base().paths);
  });

  it('rejects other overlay versions', () => {
    expect(() => applyOverlay(base(), { ...overlay(), overlay: '2.0.0' })).toThrow(/unsupported overlay version/);
  });
});
