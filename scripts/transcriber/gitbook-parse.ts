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
 * Real pages bend this grammar (tags left open, misplaced, misspelt); the parser never gives up on
 * content: it reads what it can and reports the rest as warnings that name the line.
 */

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

const PARAMETER_GROUPS: Record<string, ParameterLocation> = {
  'api-method-path-parameters': 'path',
  'api-method-query-parameters': 'query',
  'api-method-headers': 'header',
  'api-method-cookie-parameters': 'cookie',
  'api-method-body-parameters': 'body',
  'api-method-form-data-parameters': 'form',
};

const TABS = ['tabs', 'code-tabs'];
const TAB = ['tab', 'code-tabs-item'];

/** Which tags may appear directly inside which: the grammar, in one table (used for warnings only). */
const CHILDREN: Record<string, readonly string[]> = {
  root: ['api-method'],
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
  tabs: ['tab'],
  tab: [],
  'code-tabs': ['code-tabs-item'],
  'code-tabs-item': [],
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const TAG = /\{%-?\s*(end)?(api-method[\w-]*|code-tabs-item|code-tabs|tabs|tab)(?=[\s%-])((?:[^%]|%(?!\}))*?)\s*-?%\}/g;
const ATTR = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)\n?^ {0,3}\1[ \t]*$/gm;

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

  constructor(text: string) {
    this.text = text;
    this.starts = lineStarts(text);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  warn(line: number, message: string): void {
    this.warnings.push(`line ${line}: ${message}`);
  }
}

function parseAttributes(source: string, line: number, page: Page): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rest = source.replace(ATTR, (_m, key: string, dq?: string, sq?: string, bare?: string) => {
    attrs[key] = dq ?? sq ?? bare ?? '';
    return '';
  });
  for (const word of rest.trim().split(/\s+/).filter(Boolean)) {
    // A bare attribute name (`required`) means true, as in HTML.
    if (/^[\w-]+$/.test(word)) attrs[word] = 'true';
    else page.warn(line, `cannot read tag attribute text ${JSON.stringify(word)}; ignored`);
  }
  return attrs;
}

function buildTree(page: Page): Node {
  const root: Node = { tag: { name: 'root', attrs: {}, line: 1 }, children: [], text: [] };
  const stack: Node[] = [root];
  let cursor = 0;
  const top = () => stack.at(-1) as Node;
  for (const match of page.text.matchAll(TAG)) {
    const offset = match.index;
    const line = page.lineAt(offset);
    const [, isEnd, name = '', attrSource = ''] = match;
    top().text.push({ value: page.text.slice(cursor, offset), offset: cursor });
    cursor = offset + match[0].length;
    const known = name in CHILDREN;
    if (isEnd) {
      const depth = stack.findLastIndex((n) => n.tag.name === name);
      if (depth <= 0) {
        page.warn(line, `{% end${name} %} closes nothing; ignored`);
        continue;
      }
      for (const open of stack.splice(depth + 1)) {
        if (open.tag.name in CHILDREN) {
          page.warn(open.tag.line, `{% ${open.tag.name} %} is not closed before {% end${name} %} on line ${line}`);
        }
      }
      stack.pop();
      continue;
    }
    const parent = top();
    if (!known) {
      page.warn(line, `unknown tag {% ${name} %}; its content is read as far as possible`);
    } else if (!(CHILDREN[parent.tag.name] ?? []).includes(name)) {
      const where = parent.tag.name === 'root' ? 'at top level' : `inside {% ${parent.tag.name} %}`;
      page.warn(line, `{% ${name} %} is not expected ${where}; read where it stands`);
    }
    const node: Node = { tag: { name, attrs: parseAttributes(attrSource, line, page), line }, children: [], text: [] };
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

/** The first node of that name at any depth below `node`, not entering other api-method blocks. */
function find(node: Node, name: string): Node | undefined {
  for (const c of node.children) {
    if (c.tag.name === name) return c;
    if (c.tag.name === 'api-method') continue;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every node of that name below `node`, not looking inside the matches themselves. */
function findAll(node: Node, name: string | ((n: string) => boolean)): Node[] {
  const matches = typeof name === 'string' ? (n: string) => n === name : name;
  const out: Node[] = [];
  for (const c of node.children) {
    if (matches(c.tag.name)) out.push(c);
    else if (c.tag.name !== 'api-method') out.push(...findAll(c, matches));
  }
  return out;
}

/** Every api-method block, including one swallowed by an earlier block left open. */
function methodsIn(node: Node): Node[] {
  return node.children.flatMap((c) => (c.tag.name === 'api-method' ? [c, ...methodsIn(c)] : methodsIn(c)));
}

/** Fenced blocks written directly in this node's text. */
function fencesOf(node: Node, name: string | undefined, page: Page): DocBody[] {
  const bodies: DocBody[] = [];
  for (const segment of node.text) {
    let rest = segment.value;
    for (const fence of segment.value.matchAll(FENCE)) {
      bodies.push({
        name,
        language: (fence[2] ?? '').toLowerCase(),
        text: fence[3] ?? '',
        line: page.lineAt(segment.offset + fence.index) + 1,
      });
      rest = rest.replace(fence[0], '');
    }
    const open = /^ {0,3}(```|~~~)/m.exec(rest);
    if (open) {
      const start = segment.value.indexOf(rest.slice(open.index, open.index + 40));
      page.warn(page.lineAt(segment.offset + Math.max(0, start)), 'code fence is never closed; its body is ignored');
    }
  }
  return bodies;
}

/** Every body of an example: its own fences and one per tab (named by the tab's title). */
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

function readExample(node: Node, page: Page): DocExample {
  const code = (node.tag.attrs.httpCode ?? node.tag.attrs.httpcode ?? '').trim();
  let httpCode: number | undefined = Number(code);
  if (!/^\d{3}$/.test(code) || httpCode < 100 || httpCode > 599) {
    page.warn(
      node.tag.line,
      `httpCode ${JSON.stringify(code)} is not an HTTP status; transcribed as the default response`,
    );
    httpCode = undefined;
  }
  const descriptionNode = find(node, 'api-method-response-example-description');
  return {
    httpCode,
    description: descriptionNode ? textOf(descriptionNode) : '',
    bodies: bodiesOf(node, page),
    line: node.tag.line,
  };
}

function readParameters(method: Node, page: Page): DocParameter[] {
  const parameters: DocParameter[] = [];
  const grouped = new Set<Node>();
  for (const group of findAll(method, (n) => n in PARAMETER_GROUPS)) {
    const location = PARAMETER_GROUPS[group.tag.name] as ParameterLocation;
    for (const p of findAll(group, 'api-method-parameter')) {
      grouped.add(p);
      const name = unescapeMarkdown(p.tag.attrs.name ?? '').trim();
      if (!name) {
        page.warn(p.tag.line, '{% api-method-parameter %} has no name; ignored');
        continue;
      }
      parameters.push({
        name,
        location,
        type: (p.tag.attrs.type ?? 'string').trim().toLowerCase() || 'string',
        required: (p.tag.attrs.required ?? 'false').trim().toLowerCase() === 'true',
        description: textOf(p),
        line: p.tag.line,
      });
    }
  }
  for (const p of findAll(method, 'api-method-parameter')) {
    if (!grouped.has(p)) page.warn(p.tag.line, '{% api-method-parameter %} is in no parameter group; ignored');
  }
  return parameters;
}

function readOperation(method: Node, page: Page): DocOperation {
  const { tag } = method;
  let verb = (tag.attrs.method ?? '').trim().toLowerCase();
  if (!HTTP_METHODS.has(verb)) {
    page.warn(tag.line, `method ${JSON.stringify(tag.attrs.method ?? '')} is not an HTTP method; read as GET`);
    verb = 'get';
  }
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

/** Parses every `{% api-method %}` block of a GitBook page; never throws on content. */
export function parseGitbook(markdown: string): ParsedPage {
  const page = new Page(markdown.replace(/\r\n?/g, '\n'));
  const root = buildTree(page);
  const operations = methodsIn(root).map((m) => readOperation(m, page));
  return { operations, warnings: page.warnings };
}
