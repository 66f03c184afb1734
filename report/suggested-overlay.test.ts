// The suggested overlay's YAML: a valid overlay with a comment per action; an earlier file is
// extended (its actions and comments kept, those for the same target and kind replaced).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SuggestedAction } from '../judge/drift/suggest-overlay.ts';
import { applyOverlay, type Overlay } from '../scripts/transcriber/apply-overlay.ts';
import { overlayText } from './suggested-overlay.ts';

const target = "$.paths['/login'].post.responses['401']";
const status = (value: number, label: string): SuggestedAction => ({
  target,
  description: `sent with ${value}`,
  update: { 'x-mock-status': value },
  from: `from "${label}"\nwith a line break`,
});
const omit: SuggestedAction = {
  target,
  description: 'no Cache-Control',
  update: { 'x-mock-omit-headers': ['Cache-Control'] },
  from: 'from "b"',
};

describe('overlayText', () => {
  it('writes an overlay that applies, each action under a one-line comment', () => {
    const text = overlayText([status(200, 'a'), omit], { source: 'http://127.0.0.1:8080' }) as string;
    expect(text).toContain('the mock answer like http://127.0.0.1:8080');
    expect(text).toContain('  # from "a" with a line break\n  - target:');
    const overlay = parse(text) as Overlay;
    expect(overlay.overlay).toBe('1.0.0');
    const doc = { paths: { '/login': { post: { responses: { '401': { description: 'x' } } } } } };
    const merged = applyOverlay(doc, overlay) as typeof doc;
    expect(merged.paths['/login'].post.responses['401']).toEqual({
      description: 'x',
      'x-mock-status': 200,
      'x-mock-omit-headers': ['Cache-Control'],
    });
  });

  it('extends an earlier file: the same target and kind replaced, the rest and its comments kept', () => {
    const first = overlayText([status(200, 'a'), omit], { source: 's' }) as string;
    const edited = first.replace('actions:', '# my own note\nactions:');
    const second = overlayText([status(422, 'c')], { source: 's', existing: edited }) as string;
    expect(second).toContain('# my own note');
    const actions = (parse(second) as Overlay).actions;
    expect(actions.map((a) => a.update)).toEqual([
      { 'x-mock-omit-headers': ['Cache-Control'] },
      { 'x-mock-status': 422 },
    ]);
    expect(second).not.toContain('from "a"');
    expect(second).toContain('from "b"');
  });

  it.each([
    ['a YAML list', '- 1\n- 2\n'],
    ['a mapping without actions', 'overlay: 1.0.0\n'],
    ['broken YAML', 'overlay: [\n'],
  ])('refuses to extend %s', (_name, existing) => {
    expect(overlayText([omit], { source: 's', existing })).toEqual({
      error: expect.stringMatching(/not (YAML|an OpenAPI Overlay)/),
    });
  });
});
