import { describe, expect, it } from 'vitest';
import { looksLikeJson, MAX_JSON_DEPTH, parseLenient } from './lenient-json.ts';

describe('parseLenient', () => {
  it.each([
    ['strict JSON', '{"a": [1, 2.5, null]}', { a: [1, 2.5, null] }, 'json'],
    ['unquoted keys, single quotes', "{id: 'x\\'y', n: 2}", { id: "x'y", n: 2 }, 'json5'],
    ['a bare word as value', '{ "clip" : clip_info.json, "n" : 4 }', { clip: 'clip_info.json', n: 4 }, 'repaired'],
    ['a type union as value', '{ "at": timestamp | null }', { at: 'timestamp | null' }, 'repaired'],
    [
      '... for more elements',
      '{ "list": [1, 2, ...], "o": { "a": 1, ... } }',
      { list: [1, 2], o: { a: 1 } },
      'repaired',
    ],
    ['a missing comma at a line end', '{\n "a": "x"\n "b": 2\n}', { a: 'x', b: 2 }, 'repaired'],
    [
      'assignments instead of members',
      '{\n\t"Success" = true, // yes\n\t"Any" = true|false\n}',
      { Success: true, Any: 'true|false' },
      'repaired',
    ],
    ['text that only looks like repairs', '{"s": "a: b, ... c | d"}', { s: 'a: b, ... c | d' }, 'json'],
  ])('%s', (_name, text, value, how) => {
    expect(parseLenient(text)).toMatchObject({ ok: true, value, how });
  });

  it.each([
    ['prose in braces', '{ ...The app-specific json body here... }'],
    ['a truncated body', '{"ok": true, "items": [1, 2\n}'],
  ])('gives up on %s, saying where', (_name, text) => {
    const result = parseLenient(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.offset).toBeGreaterThan(0);
  });

  it('reads comments and trailing commas, and says comments were dropped', () => {
    expect(parseLenient('{\n  // note\n  "a": 1, /* x */\n}')).toEqual({
      ok: true,
      value: { a: 1 },
      how: 'json5',
      comments: true,
    });
  });

  it('keeps every digit of integers beyond 2^53, in strict and lenient JSON alike', () => {
    expect(parseLenient('{"id": 476488167042580481, "n": -9007199254740993, "f": 1.5e300}')).toEqual({
      ok: true,
      value: { id: 476488167042580481n, n: -9007199254740993n, f: 1.5e300 },
      how: 'json',
    });
    const lenient = parseLenient("{id: 476488167042580481, s: '476488167042580481'}");
    expect(lenient.ok && lenient.value).toEqual({ id: 476488167042580481n, s: '476488167042580481' });
  });

  it('refuses a body nested deeper than the bound, saying so (no walk can overflow)', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(parseLenient(deep)).toMatchObject({ ok: false, tooDeep: true });
    expect(parseLenient(`${'['.repeat(100_000)}`)).toMatchObject({ ok: false, tooDeep: true });
    expect(parseLenient(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
  });

  it('sees JSON under leading comment lines', () => {
    expect(looksLikeJson('// the answer\n{"a": 1}')).toBe(true);
    expect(looksLikeJson('/* answer */ [1]')).toBe(true);
    expect(looksLikeJson('// only a comment')).toBe(false);
    expect(looksLikeJson('curl -X POST')).toBe(false);
  });
});
