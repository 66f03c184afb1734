/**
 * The code blocks of a stretch of markdown, as CommonMark reads them, in one pass over its lines:
 * fenced blocks (``` or ~~~, closed by a fence of the same character at least as long; one never
 * closed runs to the end of the stretch) and, where asked, indented blocks (four spaces or a tab),
 * which some pages use inside `{% tab %}`. An indented block that holds a fence is read as that fence.
 * https://spec.commonmark.org/0.31.2/#code-blocks
 */

export interface CodeBlock {
  /** Info string's first word, lower case; '' when absent (and for indented blocks). */
  language: string;
  text: string;
  /** Offset (in the stretch) of the block's first content line. */
  offset: number;
  /** Offset of the opening fence (of the first line of an indented block). */
  openOffset: number;
  /** The fence is never closed: the block runs to the end of the stretch. */
  unclosed: boolean;
}

/** Offset just past the end of the line starting at `start` (its newline excluded). */
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline === -1 ? text.length : newline;
}

/** Start offset of each line (small numbers, not a string per line: stretches can be large). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

interface Fence {
  char: string;
  length: number;
  language: string;
}

function leadingSpaces(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

function fenceOpening(line: string): Fence | undefined {
  const indent = leadingSpaces(line);
  if (indent > 3) return undefined;
  const char = line[indent];
  if (char !== '`' && char !== '~') return undefined;
  let end = indent;
  while (line[end] === char) end++;
  const length = end - indent;
  if (length < 3) return undefined;
  const info = line.slice(end).trim();
  if (char === '`' && info.includes('`')) return undefined;
  const word = /^[\w+-]*/.exec(info)?.[0] ?? '';
  return { char, length, language: word.toLowerCase() };
}

function closesFence(line: string, fence: Fence): boolean {
  const indent = leadingSpaces(line);
  if (indent > 3) return false;
  let end = indent;
  while (line[end] === fence.char) end++;
  return end - indent >= fence.length && line.slice(end).trim() === '';
}

/** Index of the line holding `offset`, given each line's start offset (binary search). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

const isBlank = (line: string) => line.trim() === '';
const isIndented = (line: string) => !isBlank(line) && (line.startsWith('    ') || line.startsWith('\t'));

function dedent(line: string): string {
  if (line.startsWith('\t')) return line.slice(1);
  return line.slice(Math.min(4, leadingSpaces(line)));
}

/** Code blocks of `text`; `indented` also reads indented blocks (example bodies, not prose). */
export function codeBlocks(text: string, indented: boolean): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lineAt = (start: number) => text.slice(start, lineEnd(text, start));
  const next = (start: number) => lineEnd(text, start) + 1;
  let start = 0;
  let previousBlank = true;
  while (start <= text.length) {
    const line = lineAt(start);
    const fence = fenceOpening(line);
    if (fence) {
      const bodyStart = next(start);
      let close = bodyStart;
      while (close <= text.length && !closesFence(lineAt(close), fence)) close = next(close);
      const unclosed = close > text.length;
      // The body's lines are contiguous: one slice of the text, not a copy line by line.
      const bodyEnd = unclosed ? text.length : close - 1;
      blocks.push({
        language: fence.language,
        text: bodyEnd > bodyStart ? text.slice(bodyStart, bodyEnd) : '',
        offset: Math.min(bodyStart, text.length),
        openOffset: start,
        unclosed,
      });
      start = unclosed ? text.length + 1 : next(close);
      previousBlank = true;
      continue;
    }
    if (indented && previousBlank && isIndented(line)) {
      let last = start;
      let end = next(start);
      for (; end <= text.length; end = next(end)) {
        const candidate = lineAt(end);
        if (isIndented(candidate)) last = end;
        else if (!isBlank(candidate)) break;
      }
      const lines: number[] = [];
      for (let at = start; at <= last; at = next(at)) lines.push(at);
      const dedented = lines.map((at) => dedent(lineAt(at))).join('\n');
      const inner = codeBlocks(dedented, false);
      if (inner.length > 0 && fenceOpening(dedent(line))) {
        // Offsets inside the dedented text map back to lines of the stretch.
        const starts = lineStarts(dedented);
        for (const block of inner) {
          blocks.push({
            ...block,
            offset: lines[lineIndexAt(starts, block.offset)] ?? start,
            openOffset: lines[lineIndexAt(starts, block.openOffset)] ?? start,
          });
        }
      } else {
        blocks.push({ language: '', text: dedented, offset: start, openOffset: start, unclosed: false });
      }
      start = next(last);
      previousBlank = false;
      continue;
    }
    previousBlank = isBlank(line);
    start = next(start);
  }
  return blocks;
}
