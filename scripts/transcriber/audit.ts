/**
 * The transcription checked against its page: the page's blocks, parameters (name and location)
 * and examples are counted straight from its tags, not through the parser's reading of them, and
 * each must be found in the document; every difference is a warning with its page line (so
 * `--strict` fails on it). Linear: one tag scan, one pass over the text between tags.
 */
import { codeBlocks, lineIndexAt } from './code-blocks.ts';
import { PARAMETER_GROUPS, parameterName, swaggerLocation } from './gitbook-parse.ts';
import { readAttributes, scanTags } from './tag-scan.ts';

// biome-ignore lint/suspicious/noExplicitAny: walks the generated document, of no fixed shape
type Doc = Record<string, any>;

export interface AuditedBlock {
  line: number;
  method: string;
  path: string;
}

interface PageParameter {
  location: string;
  name: string;
  line: number;
}

interface PageBlock {
  line: number;
  parameters: PageParameter[];
  examples: number;
  exampleLines: number[];
  /** Integers too long for a double, as written in the examples. */
  bigIntegers: { digits: string; line: number }[];
}

const EXAMPLES = new Set(['api-method-response-example', 'api-method-request-example', 'swagger-response']);
const NOT_EXAMPLE_TEXT = new Set(['api-method-response-example-description']);
const BLOCKS = new Set(['api-method', 'swagger']);
/** Headers OpenAPI says elsewhere: media types and security. */
const ELSEWHERE = new Set(['content-type', 'accept', 'authorization']);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** What the page documents, block by block, read from its tags alone. */
function countPage(text: string): PageBlock[] {
  const starts = lineStarts(text);
  const lineAt = (offset: number) => lineIndexAt(starts, offset) + 1;
  const blocks: PageBlock[] = [];
  const stack: string[] = [];
  let current: PageBlock | undefined;
  let cursor = 0;
  const countText = (from: number, to: number) => {
    if (!current || !stack.some((n) => EXAMPLES.has(n)) || NOT_EXAMPLE_TEXT.has(stack.at(-1) ?? '')) return;
    for (const block of codeBlocks(text.slice(from, to), true)) {
      if (block.text.trim() === '') continue;
      current.examples++;
      current.exampleLines.push(lineAt(from + block.offset));
      for (const match of block.text.matchAll(/(?<![\w."'.])-?\d{16,}(?![\w.])/g)) {
        if (Number.isSafeInteger(Number(match[0])) || current.bigIntegers.length >= 1000) continue;
        current.bigIntegers.push({ digits: match[0], line: lineAt(from + block.offset + match.index) });
      }
    }
  };
  for (const tag of scanTags(text)) {
    countText(cursor, tag.start);
    cursor = tag.end;
    if (tag.isEnd) {
      const at = stack.lastIndexOf(tag.name);
      if (at !== -1) stack.length = at;
      continue;
    }
    if (BLOCKS.has(tag.name)) {
      current = { line: lineAt(tag.start), parameters: [], examples: 0, exampleLines: [], bigIntegers: [] };
      blocks.push(current);
    } else if (current && (tag.name === 'api-method-parameter' || tag.name === 'swagger-parameter')) {
      const { attrs } = readAttributes(tag.attrSource);
      const group = [...stack].reverse().find((n) => n in PARAMETER_GROUPS);
      // A swagger parameter with an unreadable `in` is read as a query parameter (with a warning).
      const location =
        tag.name === 'swagger-parameter'
          ? (swaggerLocation(attrs.in) ?? 'query')
          : group
            ? PARAMETER_GROUPS[group]
            : undefined;
      if (location) {
        current.parameters.push({ location, name: parameterName(attrs.name ?? '', location), line: lineAt(tag.start) });
      }
    }
    // Tags that the grammar nests (the block's own children) stay on the stack until their end tag.
    if (stack.length < 64) stack.push(tag.name);
  }
  countText(cursor, text.length);
  return blocks;
}

function examplesIn(content: Doc | undefined): number {
  return Object.values(content ?? {}).reduce(
    (sum: number, media: Doc) => sum + Object.keys(media?.examples ?? {}).length,
    0,
  );
}

/** Every integer in the operation's examples, as digits (bounded walk: examples nest at most 64 deep). */
function integersIn(op: Doc): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 80) return;
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) found.add(String(value));
    else if (typeof value === 'string') found.add(value.trim());
    else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v, depth + 1);
  };
  const contents = [op.requestBody?.content, ...Object.values((op.responses ?? {}) as Doc).map((r: Doc) => r?.content)];
  for (const content of contents) {
    for (const media of Object.values((content ?? {}) as Doc)) {
      for (const example of Object.values((media?.examples ?? {}) as Doc)) visit(example?.value, 0);
    }
  }
  return found;
}

function bodyFields(schema: Doc | undefined): Set<string> {
  const fields = new Set<string>();
  for (const alternative of [schema, ...((schema?.oneOf ?? []) as Doc[])]) {
    for (const name of Object.keys(alternative?.properties ?? {})) fields.add(name);
  }
  return fields;
}

function documentedIn(p: PageParameter, op: Doc): boolean {
  if (p.location === 'body' || p.location === 'form') {
    const contents = Object.values((op.requestBody?.content ?? {}) as Doc);
    if (p.name === '') return contents.length > 0;
    return contents.some((media: Doc) => bodyFields(media.schema).has(p.name));
  }
  if (p.location === 'header' && ELSEWHERE.has(p.name.toLowerCase())) {
    return p.name.toLowerCase() !== 'authorization' || op.security !== undefined;
  }
  const name = p.location === 'header' ? p.name.toLowerCase() : p.name;
  return ((op.parameters ?? []) as Doc[]).some(
    (q) => q.in === p.location && (p.location === 'header' ? String(q.name).toLowerCase() : q.name) === name,
  );
}

/** Every difference between the page and its transcription, as warnings with page lines. */
export function audit(markdown: string, document: Doc, transcribed: AuditedBlock[]): string[] {
  const text = markdown.replace(/\r\n?/g, '\n');
  const page = countPage(text);
  const warnings: string[] = [];
  if (page.length !== transcribed.length) {
    warnings.push(
      `line ${page[0]?.line ?? 1}: audit: the page holds ${page.length} blocks, ${transcribed.length} were transcribed`,
    );
  }
  const byOperation = new Map<string, { op: Doc | undefined; label: string; blocks: PageBlock[] }>();
  page.forEach((block, index) => {
    const where = transcribed[index];
    if (!where) return;
    const key = `${where.method} ${where.path}`;
    const entry = byOperation.get(key) ?? {
      op: document.paths?.[where.path]?.[where.method] as Doc | undefined,
      label: `${where.method.toUpperCase()} ${where.path}`,
      blocks: [],
    };
    entry.blocks.push(block);
    byOperation.set(key, entry);
  });
  for (const { op, label, blocks } of byOperation.values()) {
    if (!op) {
      warnings.push(`line ${blocks[0]?.line}: audit: ${label} is missing from the transcription`);
      continue;
    }
    for (const block of blocks) {
      for (const p of block.parameters) {
        if (p.name === '' && p.location !== 'body') continue; // unusable, warned by the parser
        if (!documentedIn(p, op)) {
          const name = p.name === '' ? 'the whole body' : `"${p.name}"`;
          warnings.push(
            `line ${p.line}: audit: ${p.location} parameter ${name} is not in the transcription of ${label}`,
          );
        }
      }
    }
    const big = blocks.flatMap((b) => b.bigIntegers);
    if (big.length) {
      const integers = integersIn(op);
      for (const { digits, line } of big) {
        // A string example holding the whole body keeps the digits too.
        const kept = integers.has(digits) || [...integers].some((s) => s.length > digits.length && s.includes(digits));
        if (!kept)
          warnings.push(`line ${line}: audit: the integer ${digits} is not in ${label}'s examples digit for digit`);
      }
    }
    const documented = blocks.reduce((sum, b) => sum + b.examples, 0);
    const kept =
      examplesIn(op.requestBody?.content) +
      Object.values((op.responses ?? {}) as Doc).reduce((sum: number, r: Doc) => sum + examplesIn(r?.content), 0);
    if (kept < documented) {
      const lines = blocks.flatMap((b) => b.exampleLines).join(', ');
      warnings.push(
        `line ${blocks[0]?.line}: audit: the page documents ${documented} examples for ${label} (lines ${lines}); the transcription holds ${kept}`,
      );
    }
  }
  return warnings;
}
