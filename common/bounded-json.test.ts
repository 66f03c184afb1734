import { describe, expect, it } from 'vitest';
import { depthOf, jsonLimits, parseBoundedJson, scanJson, stringifyBounded, walkJson } from './bounded-json.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseBoundedJson', () => {
  it('parses ordinary JSON, and says why invalid JSON is not', () => {
    expect(parseBoundedJson('{"a":[1,{"b":"[{"}]}')).toEqual({ ok: true, value: { a: [1, { b: '[{' }] } });
    expect(parseBoundedJson('{"a":')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses 5,000 and 100,000 levels of nesting without parsing or overflowing', () => {
    for (const depth of [jsonLimits.maxDepth + 1, 5000, 100_000]) {
      expect(parseBoundedJson(`{"x":${nested(depth)}}`)).toMatchObject({ ok: false, reason: 'too-deep' });
    }
    expect(parseBoundedJson(nested(jsonLimits.maxDepth)).ok).toBe(true);
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    const text = JSON.stringify({ s: `\\"${'['.repeat(10_000)}` });
    expect(scanJson(text)).toMatchObject({ ok: true, depth: 1 });
  });

  it('refuses more members than the limit (80,000 keys) in linear time', () => {
    const wide = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    expect(parseBoundedJson(wide)).toMatchObject({ ok: false, reason: 'too-many' });
    expect(parseBoundedJson(wide, { maxDepth: 64, maxMembers: 100_000 }).ok).toBe(true);
  });
});

describe('walkJson', () => {
  it('visits parents before children, members in order, with paths on request', () => {
    const seen: string[] = [];
    walkJson({ a: [1, { b: 2 }], c: 3 }, ({ path }) => void seen.push(path.join('/')), { paths: true });
    expect(seen).toEqual(['', 'a', 'a/0', 'a/1', 'a/1/b', 'c']);
  });

  it('stops below the depth limit and says so, whatever the depth (no stack overflow)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    let visited = 0;
    const { complete } = walkJson(deep, () => void visited++);
    expect(complete).toBe(false);
    expect(visited).toBe(jsonLimits.maxDepth + 1);
    expect(depthOf(deep)).toBe(jsonLimits.maxDepth + 1);
    expect(stringifyBounded(deep)).toBeUndefined();
    expect(walkJson({ a: [[1]] }, () => undefined).complete).toBe(true);
  });

  it('skips the children of a node when visit returns false', () => {
    const seen: unknown[] = [];
    walkJson({ skip: { inner: 1 }, keep: { inner: 2 } }, ({ key, value }) => {
      seen.push(value);
      return key !== 'skip';
    });
    expect(seen).toContain(2);
    expect(seen).not.toContain(1);
  });
});
