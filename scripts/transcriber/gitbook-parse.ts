/**
 * Parses GitBook's legacy `{% api-method %}` markup into a plain description of each documented
 * operation. Knows nothing about OpenAPI; `to-openapi.ts` does that translation.
 *
 * Tag family (GitBook "API method" blocks):
 *   api-method(method, host, path) > api-method-summary | api-method-description | api-method-spec
 *   api-method-spec > api-method-request | api-method-response
 *   api-method-request > api-method-{path,query,headers,cookie,body,form-data}-parameters > api-method-parameter
 *   api-method-request > api-method-request-example > fenced bodies or {% tabs %}
 *   api-method-response > api-method-response-example(httpCode) > api-method-response-example-description
 *     + fenced bodies or {% tabs %} > {% tab title %} (also {% code-tabs %} > {% code-tabs-item title %})
 *
 * GitBook's newer family says the same with fewer tags, and is read into the same model:
 *   swagger(method, baseUrl, path, summary) > swagger-description
 *     | swagger-parameter(in, name, type, required) | swagger-response(status, description) > bodies
 *
 * Real pages bend this grammar (tags left open, misplaced, misspelt); the parser never gives up on
 * content: it reads what it can and reports the rest as warnings that name the line. Tags are found
 * in one linear pass (tag-scan.ts) and nest at most MAX_TAG_DEPTH deep, so every walk is bounded.
 */
import { codeBlocks, lineIndexAt } from './code-blocks.ts';
import { readAttributes, scanTags } from './tag-scan.ts';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'form';

export interface DocParameter {
  name: string;
  location: ParameterLocation;
  type: string;
  required: boolean;
  description: string;
  line: number;
}

/** One fenced code block: a response or request body as documented. */
export interface DocBody {
  /** Tab title when the block sits in a `{% tab %}`, else undefined. */
  name: string | undefined;
  /** Info string of the fence (`json`, `javascript`, `xml`...), '' when absent. */
  language: string;
  text: string;
  /** Line of the first body line. */
  line: number;
}

export interface DocExample {
  /** undefined when the page gives no usable status code (transcribed as `default`). */
  httpCode: number | undefined;
  description: string;
  bodies: DocBody[];
  line: number;
}

export interface DocOperation {
  method: string;
  host: string;
  path: string;
  summary: string;
  description: string;
  parameters: DocParameter[];
  examples: DocExample[];
  requestExamples: DocBody[];
  line: number;
}

export interface ParsedPage {
  operations: DocOperation[];
  /** Each starts with `line N: `. */
  warnings: string[];
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  line: number;
}

interface Node {
  tag: Tag;
  children: Node[];
  /** Text between this node's children, in order, with its start offset. */
  text: { value: string; offset: number }[];
}

export const PARAMETER_GROUPS: Record<string, ParameterLocation> = {
  'api-method-path-parameters': 'path',
  'api-method-query-parameters': 'query',
  'api-method-headers': 'header',
  'api-method-cookie-parameters': 'cookie',
  'api-method-body-parameters': 'body',
  'api-method-form-data-parameters': 'form',
};

/** `{% swagger-parameter in="..." %}` → location. */
const SWAGGER_IN: Record<string, ParameterLocation> = {
  path: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
  body: 'body',
  formdata: 'form',
  form: 'form',
};

const TABS = ['tabs', 'code-tabs'];
const TAB = ['tab', 'code-tabs-item'];
/** Operation blocks of either family. */
const BLOCKS = ['api-method', 'swagger'];

/** Which tags may appear directly inside which: the grammar, in one table (used for warnings only). */
const CHILDREN: Record<string, readonly string[]> = {
  root: BLOCKS,
  'api-method': ['api-method-summary', 'api-method-description', 'api-method-spec'],
  'api-method-summary': [],
  'api-method-description': [...TABS],
  'api-method-spec': ['api-method-request', 'api-method-response'],
  'api-method-request': [...Object.keys(PARAMETER_GROUPS), 'api-method-request-example'],
  ...Object.fromEntries(Object.keys(PARAMETER_GROUPS).map((g) => [g, ['api-method-parameter']])),
  'api-method-parameter': [],
  'api-method-request-example': [...TABS],
  'api-method-response': ['api-method-response-example'],
  'api-method-response-example': ['api-method-response-example-description', ...TABS],
  'api-method-response-example-description': [],
  swagger: ['swagger-description', 'swagger-parameter', 'swagger-response'],
  'swagger-description': [...TABS],
  'swagger-parameter': [],
  'swagger-response': [...TABS],
  tabs: ['tab'],
  tab: [],
  'code-tabs': ['code-tabs-item'],
  'code-tabs-item': [],
};

/** Real pages nest a handful of levels; deeper tags are read as text (bounds every walk below). */
export const MAX_TAG_DEPTH = 32;
/** Parse warnings kept per page; the rest are counted in one last warning. */
const MAX_WARNINGS = 500;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Unescapes markdown backslash escapes (`refresh\_token` → `refresh_token`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

class Page {
  readonly warnings: string[] = [];
  readonly text: string;
  private readonly starts: number[];
  private dropped = 0;

  constructor(text: string) {
    this.text = text;
    this.starts = lineStarts(text);
  }

  lineAt(offset: number): number {
    return lineIndexAt(this.starts, offset) + 1;
  }

  warn(line: number, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`line ${line}: ${message}`);
    else this.dropped++;
  }

  finish(): string[] {
    if (this.dropped > 0) this.warnings.push(`line ${this.starts.length}: ${this.dropped} more warnings not listed`);
    return this.warnings;
  }
}

function parseAttributes(source: string, line: number, page: Page): Record<string, string> {
  const { attrs, unreadable } = readAttributes(source);
  for (const word of unreadable) page.warn(line, `cannot read tag attribute text ${JSON.stringify(word)}; ignored`);
  return attrs;
}

/**
 * The page's tag tree. `onBlock` receives each operation block as soon as it closes at top level and
 * the tree lets go of it, so a page of thousands of blocks never holds all their nodes at once.
 */
function buildTree(page: Page, onBlock: (block: Node) => void): Node {
  const root: Node = { tag: { name: 'root', attrs: {}, line: 1 }, children: [], text: [] };
  const stack: Node[] = [root];
  /** Tags opened beyond MAX_TAG_DEPTH (read as text), by name, so their end tags are too. */
  const tooDeep = new Map<string, number>();
  let cursor = 0;
  const top = () => stack.at(-1) as Node;
  for (const raw of scanTags(page.text)) {
    const line = page.lineAt(raw.start);
    const { name } = raw;
    top().text.push({ value: page.text.slice(cursor, raw.start), offset: cursor });
    cursor = raw.end;
    const known = name in CHILDREN;
    if (raw.isEnd) {
      const depth = stack.findLastIndex((n) => n.tag.name === name);
      if (depth <= 0) {
        const deep = tooDeep.get(name) ?? 0;
        if (deep > 0) tooDeep.set(name, deep - 1);
        else page.warn(line, `{% end${name} %} closes nothing; ignored`);
        continue;
      }
      for (const open of stack.splice(depth + 1)) {
        if (open.tag.name in CHILDREN) {
          page.warn(open.tag.line, `{% ${open.tag.name} %} is not closed before {% end${name} %} on line ${line}`);
        }
      }
      const closed = stack.pop() as Node;
      if (stack.length === 1 && BLOCKS.includes(closed.tag.name) && root.children.at(-1) === closed) {
        root.children.pop();
        onBlock(closed);
      }
      continue;
    }
    if (stack.length > MAX_TAG_DEPTH) {
      if (tooDeep.size === 0) {
        page.warn(line, `tags nested deeper than ${MAX_TAG_DEPTH} levels; from here such tags are read as text`);
      }
      tooDeep.set(name, (tooDeep.get(name) ?? 0) + 1);
      // The tag's own text stays in the page text of the deepest node read.
      top().text.push({ value: page.text.slice(raw.start, raw.end), offset: raw.start });
      continue;
    }
    const parent = top();
    if (!known) {
      page.warn(line, `unknown tag {% ${name} %}; its content is read as far as possible`);
    } else if (!(CHILDREN[parent.tag.name] ?? []).includes(name)) {
      const where = parent.tag.name === 'root' ? 'at top level' : `inside {% ${parent.tag.name} %}`;
      page.warn(line, `{% ${name} %} is not expected ${where}; read where it stands`);
    }
    const node: Node = {
      tag: { name, attrs: parseAttributes(raw.attrSource, line, page), line },
      children: [],
      text: [],
    };
    parent.children.push(node);
    stack.push(node);
  }
  top().text.push({ value: page.text.slice(cursor), offset: cursor });
  for (const open of stack.slice(1)) {
    if (open.tag.name in CHILDREN) page.warn(open.tag.line, `{% ${open.tag.name} %} is never closed`);
  }
  return root;
}

function textOf(node: Node): string {
  return node.text
    .map((t) => t.value)
    .join('')
    .trim();
}

/** The first node of that name at any depth below `node`, not entering other operation blocks. */
function find(node: Node, name: string): Node | undefined {
  for (const c of node.children) {
    if (c.tag.name === name) return c;
    if (BLOCKS.includes(c.tag.name)) continue;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * Every node of that name below `node`, not entering other operation blocks; `inside` also looks
 * inside the matches (a parameter tag left open holds the next ones).
 */
function findAll(node: Node, name: string | ((n: string) => boolean), inside = false): Node[] {
  const matches = typeof name === 'string' ? (n: string) => n === name : name;
  const out: Node[] = [];
  for (const c of node.children) {
    if (BLOCKS.includes(c.tag.name)) continue;
    if (matches(c.tag.name)) {
      out.push(c);
      if (inside) out.push(...findAll(c, matches, inside));
    } else out.push(...findAll(c, matches, inside));
  }
  return out;
}

/** Every operation block, including one swallowed by an earlier block left open. */
function blocksIn(node: Node): Node[] {
  return node.children.flatMap((c) => (BLOCKS.includes(c.tag.name) ? [c, ...blocksIn(c)] : blocksIn(c)));
}

/** Code blocks written directly in this node's text (indented ones too: this is an example). */
function fencesOf(node: Node, name: string | undefined, page: Page): DocBody[] {
  const bodies: DocBody[] = [];
  for (const segment of node.text) {
    for (const block of codeBlocks(segment.value, true)) {
      if (block.unclosed) {
        page.warn(
          page.lineAt(segment.offset + block.openOffset),
          'code fence is never closed; read to the end of the block',
        );
      }
      bodies.push({
        name,
        language: block.language,
        text: block.text,
        line: page.lineAt(segment.offset + block.offset),
      });
    }
  }
  return bodies;
}

/** Every body of an example: its own code blocks and one per tab (named by the tab's title). */
function bodiesOf(node: Node, page: Page, name?: string): DocBody[] {
  const bodies = fencesOf(node, name, page);
  for (const c of node.children) {
    if (c.tag.name === 'api-method-response-example-description') continue;
    const title = TAB.includes(c.tag.name) ? (c.tag.attrs.title ?? '').trim() || undefined : name;
    bodies.push(...bodiesOf(c, page, title));
  }
  // Several blocks under one name (two fences in one tab) stay apart: name, name-2, ...
  const seen = new Map<string, number>();
  return bodies.map((b) => {
    if (b.name === undefined) return b;
    const count = (seen.get(b.name) ?? 0) + 1;
    seen.set(b.name, count);
    return count === 1 ? b : { ...b, name: `${b.name}-${count}` };
  });
}

/**
 * The status a code attribute gives (`pattern` captures its digits: `200` for httpCode, also
 * `200: OK` for status); undefined, with a warning, when there is none.
 */
function statusOf(code: string, pattern: RegExp, what: string, line: number, page: Page): number | undefined {
  const digits = pattern.exec(code)?.[1];
  const status = Number(digits);
  if (digits === undefined || status < 100 || status > 599) {
    page.warn(line, `${what} ${JSON.stringify(code)} is not an HTTP status; transcribed as the default response`);
    return undefined;
  }
  return status;
}

function readExample(node: Node, page: Page): DocExample {
  const code = (node.tag.attrs.httpCode ?? node.tag.attrs.httpcode ?? '').trim();
  const descriptionNode = find(node, 'api-method-response-example-description');
  return {
    httpCode: statusOf(code, /^(\d{3})$/, 'httpCode', node.tag.line, page),
    description: descriptionNode ? textOf(descriptionNode) : '',
    bodies: bodiesOf(node, page),
    line: node.tag.line,
  };
}

function readSwaggerResponse(node: Node, page: Page): DocExample {
  const status = (node.tag.attrs.status ?? '').trim();
  return {
    httpCode: statusOf(status, /^(\d{3})\b/, 'status', node.tag.line, page),
    description: (node.tag.attrs.description ?? '').trim(),
    bodies: bodiesOf(node, page),
    line: node.tag.line,
  };
}

/**
 * A parameter's documented name as the API spells it: markdown escapes removed, and a path
 * parameter's template marks (`:user`, `{user}`) dropped, since the path says the same.
 */
export function parameterName(raw: string, location: ParameterLocation): string {
  const name = unescapeMarkdown(raw).trim();
  if (location !== 'path') return name;
  return name.replace(/^:/, '').replace(/^\{\{?\s*([^{}]*?)\s*\}?\}$/, '$1');
}

function parameterOf(p: Node, location: ParameterLocation): DocParameter {
  return {
    name: parameterName(p.tag.attrs.name ?? '', location),
    location,
    type: (p.tag.attrs.type ?? 'string').trim().toLowerCase() || 'string',
    required: (p.tag.attrs.required ?? 'false').trim().toLowerCase() === 'true',
    description: textOf(p),
    line: p.tag.line,
  };
}

/**
 * Keeps a parameter. One without a name is the whole body in a body group, may be the path's one
 * undocumented placeholder (the transcription decides), and is unusable anywhere else.
 */
function keepParameter(p: DocParameter, parameters: DocParameter[], page: Page, tag: string): void {
  if (p.name === '' && p.location !== 'body' && p.location !== 'path') {
    page.warn(p.line, `{% ${tag} %} has no name; ignored`);
    return;
  }
  parameters.push(p);
}

function readParameters(method: Node, page: Page): DocParameter[] {
  const parameters: DocParameter[] = [];
  const grouped = new Set<Node>();
  for (const group of findAll(method, (n) => n in PARAMETER_GROUPS)) {
    const location = PARAMETER_GROUPS[group.tag.name] as ParameterLocation;
    for (const p of findAll(group, 'api-method-parameter', true)) {
      if (grouped.has(p)) continue;
      grouped.add(p);
      keepParameter(parameterOf(p, location), parameters, page, 'api-method-parameter');
    }
  }
  for (const p of findAll(method, 'api-method-parameter', true)) {
    if (!grouped.has(p)) page.warn(p.tag.line, '{% api-method-parameter %} is in no parameter group; ignored');
  }
  return parameters;
}

/** `{% swagger-parameter in="..." %}` → location; undefined when it names none. */
export function swaggerLocation(value: string | undefined): ParameterLocation | undefined {
  return SWAGGER_IN[(value ?? '').trim().toLowerCase().replace(/[-_]/g, '')];
}

function readSwaggerParameters(block: Node, page: Page): DocParameter[] {
  const parameters: DocParameter[] = [];
  for (const p of findAll(block, 'swagger-parameter', true)) {
    let location = swaggerLocation(p.tag.attrs.in);
    if (!location) {
      page.warn(
        p.tag.line,
        `swagger-parameter in=${JSON.stringify(p.tag.attrs.in ?? '')} is not a location; read as query`,
      );
      location = 'query';
    }
    keepParameter(parameterOf(p, location), parameters, page, 'swagger-parameter');
  }
  return parameters;
}

function methodOf(tag: Tag, page: Page): string {
  const verb = (tag.attrs.method ?? '').trim().toLowerCase();
  if (HTTP_METHODS.has(verb)) return verb;
  page.warn(tag.line, `method ${JSON.stringify(tag.attrs.method ?? '')} is not an HTTP method; read as GET`);
  return 'get';
}

function readOperation(method: Node, page: Page): DocOperation {
  const { tag } = method;
  if (tag.name === 'swagger') return readSwagger(method, page);
  const verb = methodOf(tag, page);
  if (tag.attrs.path === undefined) page.warn(tag.line, '{% api-method %} has no path="..."; read as /');
  const summary = find(method, 'api-method-summary');
  const description = find(method, 'api-method-description');
  return {
    method: verb,
    host: tag.attrs.host ?? '',
    path: tag.attrs.path ?? '/',
    summary: summary ? unescapeMarkdown(textOf(summary)).replace(/\s+/g, ' ') : '',
    description: description ? textOf(description) : '',
    parameters: readParameters(method, page),
    examples: findAll(method, 'api-method-response-example').map((e) => readExample(e, page)),
    requestExamples: findAll(method, 'api-method-request-example').flatMap((e) => bodiesOf(e, page)),
    line: tag.line,
  };
}

/** `{% swagger method path baseUrl summary %}`: GitBook's newer block, read into the same model. */
function readSwagger(block: Node, page: Page): DocOperation {
  const { tag } = block;
  const verb = methodOf(tag, page);
  if (tag.attrs.path === undefined && tag.attrs.baseUrl === undefined) {
    page.warn(tag.line, '{% swagger %} has no path="..." nor baseUrl="..."; read as /');
  }
  const description = find(block, 'swagger-description');
  return {
    method: verb,
    host: tag.attrs.baseUrl ?? tag.attrs.baseurl ?? '',
    path: tag.attrs.path ?? '',
    summary: unescapeMarkdown(tag.attrs.summary ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    description: description ? textOf(description) : '',
    parameters: readSwaggerParameters(block, page),
    examples: findAll(block, 'swagger-response').map((e) => readSwaggerResponse(e, page)),
    requestExamples: [],
    line: tag.line,
  };
}

/** Parses every `{% api-method %}` and `{% swagger %}` block of a GitBook page; never throws on content. */
export function parseGitbook(markdown: string): ParsedPage {
  const page = new Page(markdown.replace(/\r\n?/g, '\n'));
  const operations: DocOperation[] = [];
  const read = (block: Node) => {
    for (const b of [block, ...blocksIn(block)]) operations.push(readOperation(b, page));
  };
  const root = buildTree(page, read);
  // Blocks still open at the end of the page (and any they swallowed), in page order.
  for (const block of blocksIn(root)) operations.push(readOperation(block, page));
  return { operations, warnings: page.finish() };
}
