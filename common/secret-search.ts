// Redaction by value: a server that echoes a password rarely echoes it as it was sent. Go's JSON
// writes `&` as `\u0026`, Python's writes `ä` as `\u00e4`, a template writes `&amp;` or `&#38;`, a
// query string `%26` or `+`, a header `base64(user:password)`; the kit's own excerpts collapse
// runs of spaces and cut long text with `…`, perhaps in the middle of a secret. This module finds
// every secret of a run in all of these forms, mixed within one occurrence too, and replaces it.
//
// How: one regular expression per secret in which each character may appear in any of its
// encodings (raw, JSON `\uXXXX` or short escape, HTML named/decimal/hex entity, URL `%HH`/`+`) and
// each run of whitespace as any run of whitespace; base64 and base64url forms (of the secret and
// of `user:secret`, at any alignment inside longer base64) as plain strings; and, at the start,
// every `…` of the text (the kit's mark for a cut), a piece of a secret cut there (at least `fragmentMin`
// characters). Matching is linear in the text for each secret.
import { encodeHTML } from 'entities';

export interface SecretToFind {
  value: string;
  /** What replaces it (and any cut-off piece of it). */
  mask: string;
  /** Shortest cut-off piece worth hiding (default 4; a token whose mask shows its start needs more). */
  fragmentMin?: number;
}

export interface SecretSearchOptions {
  /** User names: `base64(user:secret)` (HTTP Basic credentials) is searched too. */
  users?: readonly string[];
}

/** Secrets shorter than this are left alone: replacing "ab" everywhere would garble the text. */
export const shortestSecret = 3;

const utf8 = (text: string) => new TextEncoder().encode(text);
const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A hex number matched in either letter case, with optional leading zeros when `pad` is 0. */
function hexPattern(value: number, width: number): string {
  const hex = value.toString(16).padStart(width, '0');
  return [...hex].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

const jsonShort: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Every way one character (a code point) may be written in the outputs the kit sees. */
export function characterForms(char: string): string[] {
  const code = char.codePointAt(0) as number;
  const forms = new Set<string>([escapeRegExp(char)]);
  // JSON: \uXXXX (surrogate pairs beyond the BMP), and the short escapes
  const units = [...Array.from({ length: char.length }, (_, i) => char.charCodeAt(i))];
  forms.add(units.map((unit) => `\\\\u${hexPattern(unit, 4)}`).join(''));
  if (jsonShort[char]) forms.add(escapeRegExp(jsonShort[char]));
  // The kit's own malformed-JSON probe turns a JSON string's quotes into single quotes.
  if (char === '"' || char === "'") forms.add("\\\\?'");
  // HTML: decimal and hex character references, and the named entity when there is one
  forms.add(`&#0*${code};`);
  forms.add(`&#[xX]0*${hexPattern(code, 1)};`);
  const named = encodeHTML(char);
  if (named !== char && !named.startsWith('&#')) forms.add(escapeRegExp(named));
  if (char === "'") forms.add('&apos;');
  // URL: %HH for each UTF-8 byte, and + for a space
  const bytes = [...utf8(char)];
  forms.add(bytes.map((byte) => `%${hexPattern(byte, 2)}`).join(''));
  if (char === ' ') forms.add('\\+');
  return [...forms];
}

/** Any run of whitespace, however encoded (the kit's excerpts collapse runs into one space). */
const whitespaceRun = `(?:\\s|${['\u00a0', ' ', '\t', '\n', '\r']
  .flatMap(characterForms)
  .filter((form) => form !== ' ' && form !== '\\s')
  .join('|')})+`;

/** The pattern of one secret in all its character encodings. */
function secretPattern(secret: string): string {
  let pattern = '';
  let inWhitespace = false;
  for (const char of secret) {
    if (/\s/.test(char)) {
      if (!inWhitespace) pattern += whitespaceRun;
      inWhitespace = true;
      continue;
    }
    inWhitespace = false;
    const forms = characterForms(char);
    pattern += `(?:${forms.join('|')})`;
  }
  return pattern;
}

/** Base64 of bytes, without Node's Buffer (this module also runs in the browser). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const toBase64Url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Base64 (and base64url) text that occurs wherever `secret`'s bytes occur inside longer base64,
 * at each of the three alignments: the characters that depend only on the secret's bytes.
 */
export function base64Cores(secret: string): string[] {
  const bytes = utf8(secret);
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = toBase64(padded).replace(/=+$/, '');
    // Leading characters mix in the unknown bytes before; trailing ones the unknown bytes after.
    const lead = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const whole = Math.floor(padded.length / 3) * 4;
    const core = encoded.slice(lead, whole);
    if (core.length >= 8) cores.push(core, toBase64Url(core));
  }
  return cores;
}

/** The exact base64 forms, padded and not, standard and URL-safe. */
function base64Forms(text: string): string[] {
  const standard = toBase64(utf8(text));
  return [standard, standard.replace(/=+$/, ''), toBase64Url(standard)];
}

interface Compiled {
  mask: string;
  fragmentMin: number;
  /** Raw and JSON-escaped spellings, for the cut-off pieces. */
  spellings: string[];
}

export interface SecretSearch {
  /** The text with every secret, in every form and every cut-off piece, replaced by its mask. */
  redact(text: string): string;
}

/** A cut in an excerpt: the kit marks one with an ellipsis. */
const cutMarks = /…/g;

/** Compiles the search for a set of secrets (do it once per set; `redact` is then linear per secret). */
export function createSecretSearch(secrets: readonly SecretToFind[], options: SecretSearchOptions = {}): SecretSearch {
  const byValue = new Map<string, SecretToFind>();
  for (const secret of secrets) if (secret.value.length >= shortestSecret) byValue.set(secret.value, secret);
  // Longest first: a password that contains another is replaced whole.
  const ordered = [...byValue.values()].sort((a, b) => b.value.length - a.value.length);
  const literal = new Map<string, string>();
  const patterns: { regex: RegExp; mask: string }[] = [];
  const compiled: Compiled[] = [];
  for (const secret of ordered) {
    patterns.push({ regex: new RegExp(secretPattern(secret.value), 'g'), mask: secret.mask });
    for (const form of [...base64Forms(secret.value), ...base64Cores(secret.value)]) literal.set(form, secret.mask);
    for (const user of options.users ?? []) {
      for (const form of base64Forms(`${user}:${secret.value}`)) literal.set(form, secret.mask);
    }
    compiled.push({
      mask: secret.mask,
      fragmentMin: secret.fragmentMin ?? 4,
      spellings: [...new Set([secret.value, JSON.stringify(secret.value).slice(1, -1)])],
    });
  }
  const literals = [...literal].filter(([form]) => form.length >= 4).sort((a, b) => b[0].length - a[0].length);

  function redactPieces(text: string): string {
    // Only at an ellipsis: at the bare ends of a text, a piece of a token is too often an ordinary
    // word (a check named `access-token-…` beside a token ending `access-token`).
    const cuts = new Set<number>();
    for (const match of text.matchAll(cutMarks)) {
      cuts.add(match.index);
      cuts.add(match.index + match[0].length);
    }
    // Each cut: a piece ending there is a secret's start, a piece starting there its end.
    const replacements: { from: number; to: number; mask: string }[] = [];
    for (const cut of cuts) {
      for (const { spellings, fragmentMin, mask } of compiled) {
        for (const spelling of spellings) {
          const before = text[cut - 1];
          for (let length = spelling.length - 1; length >= fragmentMin && before !== undefined; length--) {
            if (spelling[length - 1] !== before) continue; // cheap test first: the piece's last character
            if (cut >= length && text.startsWith(spelling.slice(0, length), cut - length)) {
              replacements.push({ from: cut - length, to: cut, mask });
              break;
            }
          }
          const after = text[cut];
          for (let length = spelling.length - 1; length >= fragmentMin && after !== undefined; length--) {
            if (spelling[spelling.length - length] !== after) continue;
            if (text.startsWith(spelling.slice(spelling.length - length), cut)) {
              replacements.push({ from: cut, to: cut + length, mask });
              break;
            }
          }
        }
      }
    }
    if (replacements.length === 0) return text;
    replacements.sort((a, b) => a.from - b.from || b.to - a.to);
    let out = '';
    let at = 0;
    for (const { from, to, mask } of replacements) {
      if (from < at) continue; // overlaps one already replaced
      out += text.slice(at, from) + mask;
      at = to;
    }
    return out + text.slice(at);
  }

  return {
    redact(text) {
      if (ordered.length === 0) return text;
      let out = text;
      for (const { regex, mask } of patterns) out = out.replace(regex, () => mask);
      for (const [form, mask] of literals) if (out.includes(form)) out = out.replaceAll(form, mask);
      return redactPieces(out);
    },
  };
}
