/**
 * Reads the example bodies people actually write in API docs: strict JSON first, then JSON5
 * (comments, trailing commas, unquoted keys, single quotes), then JSON5 after repairing the
 * JavaScript-object-literal habits JSON5 still rejects (`...` placeholders, bare words such as
 * `timestamp | null` or `clip_info.json` as values, a missing comma at a line end, `"key" = value`).
 *
 * Nothing the page says is altered: integers beyond 2^53 come back as BigInt with every digit (YAML
 * writes them as written), a body nested deeper than MAX_JSON_DEPTH is refused (kept as text by the
 * caller) so no later walk can overflow the stack, and comments are reported, since reading drops them.
 */
import JSON5 from 'json5';
import type { JsonValue } from './infer-schema.ts';

export type LenientParse =
  | { ok: true; value: JsonValue; how: 'json' | 'json5' | 'repaired'; comments?: true }
  | { ok: false; error: string; offset: number | undefined; tooDeep?: true };

/** Deeper bodies are not read as JSON (real examples nest a dozen levels at most). */
export const MAX_JSON_DEPTH = 64;
/** Bodies longer than this that neither JSON nor JSON5 accepts are not repaired (the repairs are regexes). */
const MAX_REPAIR_LENGTH = 256 * 1024;
/** Written into the body's text as a JSON string escape; read back as BIG_VALUE. */
const BIG = '\\u0000bigint:';
const BIG_VALUE = '\u0000bigint:';

const STRING = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;
const LITERALS = new Set(['true', 'false', 'null', 'Infinity', 'NaN']);

/** Applies `fix` to the text outside string literals only. */
function outsideStrings(text: string, fix: (code: string) => string): string {
  return text
    .split(STRING)
    .map((part, index) => (index % 2 === 1 ? part : fix(part)))
    .join('');
}

function quoteBareWord(before: string, word: string, after: string): string {
  const trimmed = word.trim();
  if (LITERALS.has(trimmed) || /^[-+]?\d/.test(trimmed)) return `${before}${word}${after}`;
  return `${before}${JSON.stringify(trimmed)}${after}`;
}

/** The repairs, each one a habit seen in real docs. */
export function repairObjectLiteral(text: string): string {
  const withCommas = text.replace(
    /([}\]"'\d]|\btrue|\bfalse|\bnull)([ \t]*\r?\n[ \t]*)(?=(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z_$][\w$]*)[ \t]*:)/g,
    '$1,$2',
  );
  // `"key" = value`: an assignment where a member was meant.
  const members = withCommas
    .split(STRING)
    .map((part, index) => (index > 0 && index % 2 === 0 ? part.replace(/^(\s*)=(?!=)/, '$1:') : part))
    .join('');
  return outsideStrings(members, (code) =>
    code
      // `[1, 2, ...]`, `{ "a": 1, ... }`: an ellipsis standing for "more of the same".
      .replace(/(^|[[{,\s])\.\.\.(?=\s*(?:[,\]}]|$))/g, '$1')
      // Bare words as values: `key: some.thing`, `key: timestamp | null`, `[Blob, Other]`.
      .replace(/(:[ \t]*)([A-Za-z_$][^,}\]\n]*?)([ \t]*)(?=[,}\]\n]|$)/g, (_m, b: string, w: string, a: string) =>
        quoteBareWord(b, w, a),
      )
      .replace(/([[,][ \t]*)([A-Za-z_$][^,}\]\n:]*?)([ \t]*)(?=[,\]])/g, (_m, b: string, w: string, a: string) =>
        quoteBareWord(b, w, a),
      )
      // Commas left dangling by the removals above.
      .replace(/,(\s*,)+/g, ',')
      .replace(/([[{]\s*),/g, '$1'),
  );
}

function errorOffset(error: unknown): number | undefined {
  const message = (error as Error).message;
  const position = /position (\d+)/.exec(message);
  return position ? Number(position[1]) : undefined;
}

interface Scan {
  /** The text with every integer beyond 2^53 turned into a marked string, so no parser rounds it. */
  protectedText: string;
  hasBigIntegers: boolean;
  depth: number;
  depthOffset: number;
  hasComments: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWordChar = (c: string | undefined) => c !== undefined && /[\w$.]/.test(c);

/** One linear pass over the body outside its strings and comments: nesting depth, comments, big integers. */
function scan(text: string): Scan {
  const parts: string[] = [];
  let copied = 0;
  let depth = 0;
  let maxDepth = 0;
  let depthOffset = 0;
  let hasComments = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      // A string ends at its quote, or at the line end when the page forgot it.
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      hasComments = true;
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === '/' && text[i + 1] === '*') {
      hasComments = true;
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > maxDepth) {
        maxDepth = depth;
        depthOffset = i;
      }
      i++;
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if ((isDigit(c) || (c === '-' && isDigit(text[i + 1]))) && !isWordChar(text[i - 1])) {
      let j = i + 1;
      while (isDigit(text[j])) j++;
      const next = text[j];
      if (next === '.' || next === 'e' || next === 'E') {
        while (j < n && /[\d.eE+-]/.test(text[j] as string)) j++;
      } else if (j - i >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) {
        parts.push(text.slice(copied, i), `"${BIG}${text.slice(i, j)}"`);
        copied = j;
      }
      i = j;
    } else i++;
  }
  parts.push(text.slice(copied));
  return {
    protectedText: parts.join(''),
    hasBigIntegers: copied > 0,
    depth: maxDepth,
    depthOffset,
    hasComments,
  };
}

/**
 * Turns the marked strings back into integers, digit for digit, in place. A walk after parsing, not
 * a reviver: V8 keeps a snapshot of every value for a reviver, which costs many times the body.
 * Iterative; the body is at most MAX_JSON_DEPTH deep anyway.
 */
function reviveBigIntegers(root: JsonValue): JsonValue {
  const revive = (value: JsonValue): JsonValue =>
    typeof value === 'string' && value.startsWith(BIG_VALUE) ? BigInt(value.slice(BIG_VALUE.length)) : value;
  const stack: JsonValue[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        node[i] = revive(node[i] as JsonValue);
        if (typeof node[i] === 'object' && node[i] !== null) stack.push(node[i] as JsonValue);
      }
    } else if (typeof node === 'object' && node !== null) {
      const object = node as Record<string, JsonValue>;
      for (const key of Object.keys(object)) {
        object[key] = revive(object[key] as JsonValue);
        if (typeof object[key] === 'object' && object[key] !== null) stack.push(object[key]);
      }
    }
  }
  return revive(root);
}

export function parseLenient(text: string): LenientParse {
  const scanned = scan(text);
  if (scanned.depth > MAX_JSON_DEPTH) {
    return {
      ok: false,
      error: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      offset: scanned.depthOffset,
      tooDeep: true,
    };
  }
  const source = scanned.protectedText;
  const revive = (value: unknown) =>
    scanned.hasBigIntegers ? reviveBigIntegers(value as JsonValue) : (value as JsonValue);
  const comments = scanned.hasComments ? ({ comments: true } as const) : {};
  try {
    return { ok: true, value: revive(JSON.parse(source)), how: 'json' };
  } catch (strictError) {
    try {
      return { ok: true, value: revive(JSON5.parse(source)), how: 'json5', ...comments };
    } catch {
      try {
        if (source.length > MAX_REPAIR_LENGTH) throw new Error('too long to repair');
        return { ok: true, value: revive(JSON5.parse(repairObjectLiteral(source))), how: 'repaired', ...comments };
      } catch {
        const message = (strictError as Error).message.replace(/\s*\(line \d+ column \d+\)/, '');
        return { ok: false, error: message, offset: errorOffset(strictError) };
      }
    }
  }
}

/**
 * Whether a body reads as JSON whatever its fence says: it opens with `{` or `[`, after any
 * comment lines (`// the response` above the object).
 */
export function looksLikeJson(body: string): boolean {
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i] as string)) i++;
    if (body.startsWith('//', i)) {
      const end = body.indexOf('\n', i);
      if (end === -1) return false;
      i = end + 1;
    } else if (body.startsWith('/*', i)) {
      const end = body.indexOf('*/', i + 2);
      if (end === -1) return false;
      i = end + 2;
    } else return body[i] === '{' || body[i] === '[';
  }
}
