import { describe, expect, it } from 'vitest';
import { parseLenient } from './lenient-json.ts';

describe('parseLenient', () => {
  it.each([
    ['strict JSON', '{"a": [1, 2.5, null]}', { a: [1, 2.5, null] }, 'json'],
    ['comments and trailing commas', '{\n  // note\n  "a": 1, /* x */\n}', { a: 1 }, 'json5'],
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
    expect(parseLenient(text)).toEqual({ ok: true, value, how });
  });

  it.each([
    ['prose in braces', '{ ...The app-specific json body here... }'],
    ['a truncated body', '{"ok": true, "items": [1, 2\n}'],
  ])('gives up on %s, saying where', (_name, text) => {
    const result = parseLenient(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.offset).toBeGreaterThan(0);
  });
});
