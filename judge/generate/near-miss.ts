// Passwords that are nearly the valid one: what a server that compares loosely (letter case,
// a prefix, trimmed, truncated at a hash's byte limit, Unicode-normalised, stopped at a NUL …)
// would wrongly accept. Each differs from the password; none is the password.

export interface NearMiss {
  /** How it was derived, in plain words (the evidence shows this, never the value). */
  label: string;
  value: string;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

const utf8Prefix = (text: string, bytes: number) => {
  let out = '';
  for (const ch of text) {
    if (byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
};

const toggleCase = (ch: string) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase());
const fullwidth = (text: string) =>
  text.replace(/[!-~]/g, (ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) - 0x21 + 0xff01));
const homoglyphs: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', i: 'і' };
const nextChar = (ch: string) => String.fromCodePoint(((ch.codePointAt(0) ?? 0x61) % 0x10ffff) + 1);

export function nearMissPasswords(password: string): NearMiss[] {
  const points = Array.from(password);
  const first = points[0] ?? '';
  const last = points.at(-1) ?? '';
  const candidates: NearMiss[] = [
    { label: 'in upper case', value: password.toUpperCase() },
    { label: 'in lower case', value: password.toLowerCase() },
    { label: 'with every letter case swapped', value: points.map(toggleCase).join('') },
    { label: 'with the first letter case changed', value: toggleCase(first) + points.slice(1).join('') },
    { label: 'cut short by one character', value: points.slice(0, -1).join('') },
    { label: 'without its first character', value: points.slice(1).join('') },
    { label: 'with its last character changed (same length)', value: points.slice(0, -1).join('') + nextChar(last) },
    ...[8, 16, 72].flatMap((bytes) =>
      byteLength(password) > bytes
        ? [
            { label: `cut short at ${bytes} bytes`, value: utf8Prefix(password, bytes) },
            { label: `its first ${bytes} bytes with something else after`, value: `${utf8Prefix(password, bytes)}#x` },
          ]
        : [],
    ),
    { label: 'with one character more', value: `${password}x` },
    { label: 'with a digit appended', value: `${password}1` },
    { label: 'twice over', value: password + password },
    { label: 'extended to 100 characters', value: password + 'x'.repeat(Math.max(1, 100 - points.length)) },
    { label: 'with a leading space', value: ` ${password}` },
    { label: 'with a trailing space', value: `${password} ` },
    { label: 'with surrounding tabs and a newline', value: `\t${password}\n` },
    { label: 'with a trailing NUL', value: `${password}\u0000` },
    { label: 'with a NUL and more after it', value: `${password}\u0000extra` },
    { label: 'empty', value: '' },
    { label: 'in NFC form', value: password.normalize('NFC') },
    { label: 'in NFD form', value: password.normalize('NFD') },
    { label: 'in NFKC form', value: password.normalize('NFKC') },
    { label: 'in NFKD form', value: password.normalize('NFKD') },
    { label: 'in fullwidth letters (NFKC turns them back)', value: fullwidth(password) },
    {
      label: 'with a look-alike Cyrillic letter',
      value: points
        .map((ch, i) => (i === points.findIndex((c) => c in homoglyphs) ? (homoglyphs[ch] ?? ch) : ch))
        .join(''),
    },
    {
      label: 'with an accent added to a letter',
      value: points.map((ch, i) => (i === points.findIndex((c) => /[a-z]/i.test(c)) ? `${ch}\u0301` : ch)).join(''),
    },
    { label: 'with a zero-width space inside', value: `${first}\u200b${points.slice(1).join('')}` },
  ];
  const seen = new Set<string>([password]);
  return candidates.filter((c) => {
    if (seen.has(c.value)) return false;
    seen.add(c.value);
    return true;
  });
}
