/**
 * Finds GitBook's `{% name attr="value" %}` tags in a page in one linear pass (indexOf, no regular
 * expression over unbounded input), so a hostile page (a long line of tags never closed) costs time
 * in proportion to its length.
 */

export interface RawTag {
  /** Offset of `{%` and just past `%}`. */
  start: number;
  end: number;
  isEnd: boolean;
  name: string;
  attrSource: string;
}

/** The tag families the transcriber reads; any other `{% ... %}` (hint, page-ref...) is page text. */
export function isFamilyTag(name: string): boolean {
  return (
    name.startsWith('api-method') ||
    name.startsWith('swagger') ||
    name === 'tabs' ||
    name === 'tab' ||
    name === 'code-tabs' ||
    name === 'code-tabs-item'
  );
}

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/** Every family tag of the text, in order (one at a time: a page's tags are never all held at once). */
export function* scanTags(text: string): Generator<RawTag> {
  let pos = 0;
  for (;;) {
    const open = text.indexOf('{%', pos);
    if (open === -1) break;
    const close = text.indexOf('%}', open + 2);
    // No `%}` after this `{%`: none after any later one either.
    if (close === -1) break;
    // `{% a {% tab %}`: the tag is the innermost opening before the close.
    const start = text.lastIndexOf('{%', close - 2);
    pos = close + 2;
    let inner = text.slice(start + 2, close);
    if (inner.startsWith('-')) inner = inner.slice(1);
    if (inner.endsWith('-')) inner = inner.slice(0, -1);
    let i = 0;
    while (i < inner.length && isSpace(inner.charCodeAt(i))) i++;
    let j = i;
    while (j < inner.length && isNameChar(inner.charCodeAt(j))) j++;
    let name = inner.slice(i, j);
    const isEnd = name.startsWith('end') && isFamilyTag(name.slice(3));
    if (isEnd) name = name.slice(3);
    if (!isFamilyTag(name)) continue;
    yield { start, end: close + 2, isEnd, name, attrSource: inner.slice(j).trim() };
  }
}

export interface Attributes {
  attrs: Record<string, string>;
  /** Text that is neither `name=value` nor a bare name. */
  unreadable: string[];
}

/** `a="x" b='y' c=z d`: values by name (a bare name means "true", as in HTML). Linear. */
export function readAttributes(source: string): Attributes {
  const attrs: Record<string, string> = {};
  const unreadable: string[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    while (i < n && isSpace(source.charCodeAt(i))) i++;
    if (i >= n) break;
    const nameStart = i;
    while (i < n && isNameChar(source.charCodeAt(i))) i++;
    const name = source.slice(nameStart, i);
    let k = i;
    while (k < n && isSpace(source.charCodeAt(k))) k++;
    if (name && source[k] === '=') {
      k++;
      while (k < n && isSpace(source.charCodeAt(k))) k++;
      const quote = source[k];
      if (quote === '"' || quote === "'") {
        const endQuote = source.indexOf(quote, k + 1);
        const stop = endQuote === -1 ? n : endQuote;
        attrs[name] = source.slice(k + 1, stop);
        i = stop + 1;
      } else {
        const valueStart = k;
        while (k < n && !isSpace(source.charCodeAt(k)) && source[k] !== '"' && source[k] !== "'") k++;
        attrs[name] = source.slice(valueStart, k);
        i = k;
      }
      continue;
    }
    if (name && (i >= n || isSpace(source.charCodeAt(i)))) {
      attrs[name] = 'true';
      continue;
    }
    // Anything else, up to the next space, cannot be read.
    let stop = i;
    while (stop < n && !isSpace(source.charCodeAt(stop))) stop++;
    unreadable.push(source.slice(nameStart, Math.max(stop, nameStart + 1)));
    i = Math.max(stop, nameStart + 1);
  }
  return { attrs, unreadable };
}
