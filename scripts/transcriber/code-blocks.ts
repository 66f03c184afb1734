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

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ start, text: text.slice(start) });
      return lines;
    }
    lines.push({ start, text: text.slice(start, newline) });
    start = newline + 1;
  }
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
  const lines = linesOf(text);
  const blocks: CodeBlock[] = [];
  let i = 0;
  let previousBlank = true;
  while (i < lines.length) {
    const line = lines[i] as Line;
    const fence = fenceOpening(line.text);
    if (fence) {
      let j = i + 1;
      while (j < lines.length && !closesFence((lines[j] as Line).text, fence)) j++;
      // The body's lines are contiguous: one slice of the text, not a copy line by line.
      const start = (lines[i + 1] as Line | undefined)?.start ?? text.length;
      const end = j < lines.length ? (lines[j] as Line).start - 1 : text.length;
      blocks.push({
        language: fence.language,
        text: end > start ? text.slice(start, end) : '',
        offset: start,
        openOffset: line.start,
        unclosed: j >= lines.length,
      });
      i = j + 1;
      previousBlank = true;
      continue;
    }
    if (indented && previousBlank && isIndented(line.text)) {
      let j = i + 1;
      let last = i;
      while (j < lines.length && (isIndented((lines[j] as Line).text) || isBlank((lines[j] as Line).text))) {
        if (!isBlank((lines[j] as Line).text)) last = j;
        j++;
      }
      const body = lines.slice(i, last + 1);
      const dedented = body.map((l) => dedent(l.text)).join('\n');
      const inner = codeBlocks(dedented, false);
      if (inner.length > 0 && fenceOpening(dedent(line.text))) {
        // Offsets inside the dedented text map back to lines of the stretch.
        const starts = linesOf(dedented).map((l) => l.start);
        for (const block of inner) {
          const lineIndex = lineIndexAt(starts, block.offset);
          const openIndex = lineIndexAt(starts, block.openOffset);
          blocks.push({
            ...block,
            offset: (body[lineIndex] ?? body[0] ?? line).start,
            openOffset: (body[openIndex] ?? line).start,
          });
        }
      } else {
        blocks.push({ language: '', text: dedented, offset: line.start, openOffset: line.start, unclosed: false });
      }
      i = last + 1;
      previousBlank = false;
      continue;
    }
    previousBlank = isBlank(line.text);
    i++;
  }
  return blocks;
}
