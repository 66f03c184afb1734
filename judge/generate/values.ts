// The values generated requests put into fields: every JSON type, and strings of every kind a real
// user name or password may hold (or an attacker may send). Each has a label for the evidence.
import type { Rng } from './prng.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Sample<T = JsonValue> {
  label: string;
  value: T;
}

/** Strings of every class. Lone surrogates become `\ud800`-style escapes in the JSON text (JSON.stringify). */
export const stringSamples: readonly Sample<string>[] = [
  { label: 'an empty string', value: '' },
  { label: 'only whitespace', value: ' \t\n' },
  { label: 'accented letters', value: 'José Müller-Ñúñez' },
  { label: 'combining marks', value: 'Zoe\u0308 e\u0301\u0301\u0301' },
  { label: 'an astral emoji', value: 'user😀' },
  { label: 'an emoji ZWJ sequence', value: '👩‍👩‍👧‍👦🏳️‍🌈' },
  { label: 'right-to-left text', value: 'مرحبا שלום' },
  { label: 'a bidi override', value: 'user\u202egnp.exe' },
  { label: 'zero-width characters', value: 'a\u200bb\u200d\ufeff' },
  { label: 'a NUL character', value: 'a\u0000b' },
  { label: 'control characters', value: '\u0001\u001b[31m\u007f\u0085' },
  { label: 'an unpaired high surrogate', value: 'a\ud800b' },
  { label: 'an unpaired low surrogate', value: '\udc00' },
  { label: 'CJK characters', value: '用户名テスト' },
  { label: 'fullwidth letters', value: 'ａｌｉｃｅ' },
  { label: 'line separators', value: 'a\r\nb\u2028c\u2029' },
  { label: 'an e-mail address', value: 'Someone.Else+tag@Example.COM' },
  { label: 'a numeric string', value: '1234567890' },
  { label: 'the word null', value: 'null' },
  { label: 'SQL metacharacters', value: "' OR '1'='1' -- ;" },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax sent as data is the point
  { label: 'template syntax', value: '{{7*7}} ${7*7} <%= 7*7 %>' },
  { label: 'markup', value: '<script>alert(1)</script>' },
  { label: 'a path traversal', value: '../../../../etc/passwd' },
  { label: 'format directives', value: '%s%s%n%x%d' },
  { label: 'a very long string (10,000 characters)', value: 'x'.repeat(10_000) },
  { label: 'a very long Unicode string (2,000 emoji)', value: '😀'.repeat(2000) },
];

/** Values of every other JSON type, and shapes that object-document stores read as operators. */
export const nonStringSamples: readonly Sample[] = [
  { label: 'the number 0', value: 0 },
  { label: 'the number 1', value: 1 },
  { label: 'a negative number', value: -1 },
  { label: 'a fraction', value: 1.5 },
  { label: 'a huge number', value: 1e308 },
  { label: 'true', value: true },
  { label: 'false', value: false },
  { label: 'null', value: null },
  { label: 'an empty array', value: [] },
  { label: 'an array of a string', value: ['x'] },
  { label: 'an empty object', value: {} },
  { label: 'a query operator object ({"$ne": null})', value: { $ne: null } },
  { label: 'a query operator object ({"$gt": ""})', value: { $gt: '' } },
];

const codePointRanges: readonly [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // controls
  [0xa0, 0x24f], // Latin-1 and extended Latin
  [0x300, 0x36f], // combining marks
  [0x590, 0x6ff], // Hebrew, Arabic
  [0x4e00, 0x4fff], // CJK
  [0xd800, 0xdfff], // surrogates (unpaired when alone)
  [0xfe00, 0xfeff], // variation selectors, BOM
  [0x1f300, 0x1f64f], // emoji (astral)
];

/** A random string: seeded code points from every range, a seeded sample, or a mix of both. */
export function randomString(rng: Rng): Sample<string> {
  const roll = rng.int(4);
  if (roll === 0) return rng.pick(stringSamples);
  const length = rng.chance(0.1) ? 200 + rng.int(3000) : rng.int(24);
  let text = '';
  for (let i = 0; i < length; i++) {
    const [low, high] = rng.pick(codePointRanges);
    text += String.fromCodePoint(low + rng.int(high - low + 1));
  }
  if (roll === 1) return { label: `${length} random code points`, value: text };
  const sample = rng.pick(stringSamples);
  return { label: `${sample.label} with random code points`, value: `${sample.value.slice(0, 64)}${text}` };
}

/** A random value of any JSON type, strings most often. */
export function randomValue(rng: Rng): Sample {
  return rng.chance(0.7) ? randomString(rng) : rng.pick(nonStringSamples);
}
