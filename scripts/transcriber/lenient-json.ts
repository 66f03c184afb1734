/**
 * Reads the example bodies people actually write in API docs: strict JSON first, then JSON5
 * (comments, trailing commas, unquoted keys, single quotes), then JSON5 after repairing the
 * JavaScript-object-literal habits JSON5 still rejects (`...` placeholders, bare words such as
 * `timestamp | null` or `clip_info.json` as values, a missing comma at a line end, `"key" = value`).
 */
import JSON5 from 'json5';
import type { JsonValue } from './infer-schema.ts';

export type LenientParse =
  | { ok: true; value: JsonValue; how: 'json' | 'json5' | 'repaired' }
  | { ok: false; error: string; offset: number | undefined };

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

export function parseLenient(text: string): LenientParse {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue, how: 'json' };
  } catch (strictError) {
    try {
      return { ok: true, value: JSON5.parse(text) as JsonValue, how: 'json5' };
    } catch {
      try {
        return { ok: true, value: JSON5.parse(repairObjectLiteral(text)) as JsonValue, how: 'repaired' };
      } catch {
        const message = (strictError as Error).message.replace(/\s*\(line \d+ column \d+\)/, '');
        return { ok: false, error: message, offset: errorOffset(strictError) };
      }
    }
  }
}

/** Whether a body reads as JSON whatever its fence says: it opens with `{` or `[`. */
export function looksLikeJson(body: string): boolean {
  return /^\s*[[{]/.test(body);
}
