// Redaction by value: a server that echoes a password rarely echoes it as it was sent. Go's JSON
// writes `&` as `\u0026`, Python's writes `ä` as `\u00e4`, a template writes `&amp;` or `&#38;`, a
// query string `%26` or `+`, a header `base64(user:password)`; the kit's own excerpts collapse
// runs of spaces and cut long text with `…`, perhaps in the middle of a secret. This module finds
// every secret of a run in all of these forms, mixed within one occurrence too, and replaces it.
//
// How, in time linear in the text whatever the number of secrets (a proxy session learns a token
// pair per login): the text is read once into a canonical form, every escape decoded (JSON
// `\uXXXX` and short escapes, HTML named/decimal/hex entities, URL `%HH` as UTF-8), runs of
// whitespace and `+` as one space, both quote marks as `"`, with each canonical character's place
// in the original kept. Every secret and its base64 forms (of the secret and of `user:secret`, and
// the parts that stay the same inside longer base64) are put in the same canonical form and
// indexed by their last few characters; one pass over the canonical text finds them all, and the
// original spans are replaced. A second pass over the text with nothing decoded catches a secret
// that itself looks like an escape (`a%41b` sent as it is). Optionally, at each `…` (the kit's
// mark for a cut), a piece of a secret of at least `fragmentMin` characters is replaced too.
import { decodeHTML } from 'entities';

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
  /** Also replace pieces of secrets cut at an ellipsis (for excerpts; default true). */
  pieces?: boolean;
}

export interface SecretSearch {
  /** The text with every secret, in every form (and cut-off piece), replaced by its mask. */
  redact(text: string): string;
}

export interface SecretIndex extends SecretSearch {
  /** Adds secrets (and users, for `base64(user:secret)` of the secrets added from now on). */
  add(secrets: Iterable<SecretToFind>, users?: Iterable<string>): void;
  readonly size: number;
}

/** Secrets shorter than this are left alone: replacing "ab" everywhere would garble the text. */
export const shortestSecret = 3;
/** Longest secret also searched in base64. */
const base64Longest = 64;
/** How many trailing characters index a secret. */
const anchorLength = 8;

// ---------------------------------------------------------------------------------------------
// The canonical form

/** Canonical text and, per character, where it came from in the original: [start, end). */
interface Canonical {
  text: string;
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const hexAt = (text: string, at: number, digits: number): number | undefined => {
  for (let i = 0; i < digits; i++) if (!isHex(text.charCodeAt(at + i))) return undefined;
  return Number.parseInt(text.slice(at, at + digits), 16);
};
const jsonShort: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  "'": "'",
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const whitespace = /\s/;
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const utf16Decoder = new TextDecoder('utf-16le');

/** One decoded character (a code point) at `at`, and where it ends; undefined when none starts there. */
function decodeAt(text: string, at: number): { char: string; end: number } | undefined {
  const c = text[at];
  if (c === '\\') {
    const next = text[at + 1];
    if (next === 'u') {
      const unit = hexAt(text, at + 2, 4);
      if (unit === undefined) return undefined;
      if (unit >= 0xd800 && unit <= 0xdbff && text.startsWith('\\u', at + 6)) {
        const low = hexAt(text, at + 8, 4);
        if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
          return { char: String.fromCharCode(unit, low), end: at + 12 };
        }
      }
      return { char: String.fromCharCode(unit), end: at + 6 };
    }
    const short = next === undefined ? undefined : jsonShort[next];
    return short === undefined ? undefined : { char: short, end: at + 2 };
  }
  if (c === '&') {
    const semicolon = text.indexOf(';', at + 2);
    if (semicolon === -1 || semicolon - at > 40) return undefined;
    const reference = text.slice(at, semicolon + 1);
    const numeric = /^&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));$/.exec(reference);
    if (numeric) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      return code <= 0x10ffff ? { char: String.fromCodePoint(code), end: semicolon + 1 } : undefined;
    }
    if (!/^&[A-Za-z][A-Za-z0-9]{1,31};$/.test(reference)) return undefined;
    const decoded = decodeHTML(reference);
    return decoded !== reference ? { char: decoded, end: semicolon + 1 } : undefined;
  }
  if (c === '%') {
    // %HH bytes of one UTF-8 sequence
    const first = hexAt(text, at + 1, 2);
    if (first === undefined) return undefined;
    const length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 0;
    if (length === 0) return undefined;
    const bytes = [first];
    for (let i = 1; i < length; i++) {
      if (text[at + 3 * i] !== '%') return undefined;
      const byte = hexAt(text, at + 3 * i + 1, 2);
      if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
      bytes.push(byte);
    }
    const char = utf8Decoder.decode(Uint8Array.from(bytes));
    return char.includes('\ufffd') ? undefined : { char, end: at + 3 * length };
  }
  return undefined;
}

/** Whether a UTF-16 code unit needs more than copying: an escape start, whitespace, `+` or `'`. */
function special(code: number, literal: boolean): boolean {
  if (code > 0x7f) return whitespace.test(String.fromCharCode(code));
  if (code <= 0x20 || code === 0x2b /* + */ || code === 0x27 /* ' */) return true;
  return !literal && (code === 0x5c /* \ */ || code === 0x26 /* & */ || code === 0x25); /* % */
}

/**
 * The canonical form of `text`: escapes decoded (unless `literal`), whitespace runs and `+` as one
 * space, `'` as `"`. Never longer than the text (every escape is longer than what it stands for).
 */
function canonical(text: string, literal: boolean): Canonical {
  const codes = new Uint16Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let n = 0;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (!special(code, literal)) {
      codes[n] = code;
      starts[n] = at;
      ends[n++] = at + 1;
      at++;
      continue;
    }
    const decoded = literal ? undefined : decodeAt(text, at);
    const char = decoded?.char ?? text[at];
    const end = decoded?.end ?? at + 1;
    if (char === '+' || whitespace.test(char as string)) {
      if (n > 0 && codes[n - 1] === 0x20 && ends[n - 1] === at)
        ends[n - 1] = end; // one run
      else {
        codes[n] = 0x20;
        starts[n] = at;
        ends[n++] = end;
      }
    } else {
      const shown = char === "'" ? '"' : (char as string);
      for (let i = 0; i < shown.length; i++) {
        codes[n] = shown.charCodeAt(i);
        starts[n] = at;
        ends[n++] = end;
      }
    }
    at = end;
  }
  const used = codes.subarray(0, n);
  return {
    text: utf16Decoder.decode(used),
    codes: used,
    starts: starts.subarray(0, n),
    ends: ends.subarray(0, n),
  };
}

const codesOf = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

const canonicalText = (text: string) => canonical(text, true).text;

// ---------------------------------------------------------------------------------------------
// base64 forms

/** Base64 of bytes, without Node's Buffer (this module also runs in the browser). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
const toBase64Url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const utf8 = (text: string) => new TextEncoder().encode(text);

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

// ---------------------------------------------------------------------------------------------
// The index

interface Pattern {
  /** Canonical form. */
  text: string;
  mask: string;
}

interface Piece {
  spellings: string[];
  mask: string;
  fragmentMin: number;
}

/** Spans of the original text to replace, from matches in its canonical form. */
type Span = { from: number; to: number; mask: string };

/** An empty index that secrets are added to as a run learns them. */
export function createSecretIndex(options: SecretSearchOptions = {}): SecretIndex {
  const users = new Set<string>(options.users ?? []);
  const known = new Set<string>();
  /**
   * Patterns by the length and hash of their anchor: their last `anchorLength` canonical
   * characters (or all of them, when shorter).
   */
  const byHash = new Map<number, Map<number, Pattern[]>>();
  const pieces: Piece[] = [];

  function index(text: string, mask: string) {
    if (text.length < shortestSecret) return;
    const length = Math.min(anchorLength, text.length);
    const hash = hashOf(codesOf(text), text.length, length);
    const table = byHash.get(length) ?? new Map<number, Pattern[]>();
    byHash.set(length, table);
    const list = table.get(hash);
    const pattern = { text, mask };
    if (!list) table.set(hash, [pattern]);
    else if (!list.some((p) => p.text === text)) {
      list.push(pattern);
      list.sort((a, b) => b.text.length - a.text.length); // longest first
    }
  }

  /** A hash of `length` code units ending before `end` (the same for a pattern's anchor and the text). */
  const hashOf = (codes: ArrayLike<number>, end: number, length: number) => {
    let hash = 0;
    for (let i = end - length; i < end; i++) hash = (Math.imul(hash, 31) + (codes[i] as number)) | 0;
    return hash;
  };
  // 31^anchorLength, to take the outgoing character out of a rolling hash.
  let outgoing = 1;
  for (let i = 0; i < anchorLength; i++) outgoing = Math.imul(outgoing, 31);

  function candidatesAt(text: string, end: number, length: number, hash: number, spans: Span[], canon: Canonical) {
    const candidates = byHash.get(length)?.get(hash);
    if (!candidates) return;
    for (const { text: pattern, mask } of candidates) {
      const start = end - pattern.length;
      if (start >= 0 && text.startsWith(pattern, start)) {
        spans.push({ from: canon.starts[start] as number, to: canon.ends[end - 1] as number, mask });
        return;
      }
    }
  }

  function find(canon: Canonical, spans: Span[]): void {
    const { text, codes } = canon;
    // The usual anchor length by a rolling hash (one multiply per character); shorter anchors
    // (secrets under 8 characters) hashed afresh at each place.
    const usual = byHash.has(anchorLength);
    const shorter = [...byHash.keys()].filter((length) => length !== anchorLength);
    let rolling = 0;
    for (let end = 1; end <= codes.length; end++) {
      rolling = (Math.imul(rolling, 31) + (codes[end - 1] as number)) | 0;
      if (end > anchorLength) rolling = (rolling - Math.imul(outgoing, codes[end - 1 - anchorLength] as number)) | 0;
      if (usual && end >= anchorLength) candidatesAt(text, end, anchorLength, rolling, spans, canon);
      for (const length of shorter) {
        if (end >= length) candidatesAt(text, end, length, hashOf(codes, end, length), spans, canon);
      }
    }
  }

  function findPieces(text: string, spans: Span[]): void {
    // Only at an ellipsis: at the bare ends of a text, a piece of a token is too often an ordinary
    // word (a check named `access-token-…` beside a token ending `access-token`).
    for (const match of text.matchAll(/…/g)) {
      for (const cut of [match.index, match.index + 1]) {
        const before = text[cut - 1];
        const after = text[cut];
        for (const { spellings, fragmentMin, mask } of pieces) {
          for (const spelling of spellings) {
            for (let length = spelling.length - 1; length >= fragmentMin && before !== undefined; length--) {
              if (spelling[length - 1] !== before) continue; // cheap test first: the piece's last character
              if (cut >= length && text.startsWith(spelling.slice(0, length), cut - length)) {
                spans.push({ from: cut - length, to: cut, mask });
                break;
              }
            }
            for (let length = spelling.length - 1; length >= fragmentMin && after !== undefined; length--) {
              if (spelling[spelling.length - length] !== after) continue;
              if (text.startsWith(spelling.slice(spelling.length - length), cut)) {
                spans.push({ from: cut, to: cut + length, mask });
                break;
              }
            }
          }
        }
      }
    }
  }

  return {
    get size() {
      return known.size;
    },
    add(secrets, newUsers = []) {
      for (const user of newUsers) users.add(user);
      for (const { value, mask, fragmentMin } of secrets) {
        if (value.length < shortestSecret || known.has(value)) continue;
        known.add(value);
        const forms = [value];
        // base64 forms for what is sent base64-encoded (passwords, keys), not for long tokens such
        // as JWTs, already base64url themselves: a long session learns thousands of those.
        if (value.length <= base64Longest) {
          forms.push(...base64Forms(value), ...base64Cores(value));
          for (const user of users) forms.push(...base64Forms(`${user}:${value}`));
        }
        for (const form of forms) index(canonicalText(form), mask);
        if (options.pieces !== false) {
          pieces.push({
            spellings: [...new Set([value, JSON.stringify(value).slice(1, -1)])],
            mask,
            fragmentMin: fragmentMin ?? 4,
          });
        }
      }
    },
    redact(text) {
      if (known.size === 0) return text;
      const spans: Span[] = [];
      find(canonical(text, false), spans);
      // Without an escape character the literal form is the same text: no second pass needed.
      if (/[\\&%]/.test(text)) find(canonical(text, true), spans);
      if (pieces.length > 0 && text.includes('…')) findPieces(text, spans);
      if (spans.length === 0) return text;
      // Left to right; at one place the longest; an overlapping later match merges into the earlier.
      spans.sort((a, b) => a.from - b.from || b.to - a.to);
      let out = '';
      let at = 0;
      for (const { from, to, mask } of spans) {
        if (to <= at) continue;
        out += text.slice(at, Math.max(at, from)) + (from >= at ? mask : '');
        at = to;
      }
      return out + text.slice(at);
    },
  };
}

/** Compiles the search for a set of secrets (do it once per set; `redact` is then linear in the text). */
export function createSecretSearch(secrets: readonly SecretToFind[], options: SecretSearchOptions = {}): SecretSearch {
  const search = createSecretIndex(options);
  // Longest first does not matter for the index (matches are resolved by position and length).
  search.add(secrets);
  return search;
}
