/**
 * Parses GitBook's legacy `{% api-method %}` markup into a plain description of each documented
 * operation. Knows nothing about OpenAPI; `to-openapi.ts` does that translation.
 *
 * Tag family (GitBook "API method" blocks):
 *   api-method(method, host, path) > api-method-summary | api-method-description | api-method-spec
 *   api-method-spec > api-method-request | api-method-response
 *   api-method-request > api-method-{path,query,headers,cookie,body,form-data}-parameters > api-method-parameter
 *   api-method-response > api-method-response-example(httpCode) > api-method-response-example-description + fenced body
 */

export class GitbookSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'GitbookSyntaxError';
    this.line = line;
  }
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'form';

export interface DocParameter {
  name: string;
  location: ParameterLocation;
  type: string;
  required: boolean;
  description: string;
  line: number;
}

export interface DocExample {
  httpCode: number;
  description: string;
  /** Info string of the fenced block (`json`, `javascript`, `xml`...), '' when absent. */
  language: string;
  /** Raw text of the fenced block, undefined when the example has no body. */
  body: string | undefined;
  /** Line of the first body line, for error messages. */
  bodyLine: number;
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
  line: number;
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  line: number;
  end: number;
}

const PARAMETER_GROUPS: Record<string, ParameterLocation> = {
  'api-method-path-parameters': 'path',
  'api-method-query-parameters': 'query',
  'api-method-headers': 'header',
  'api-method-cookie-parameters': 'cookie',
  'api-method-body-parameters': 'body',
  'api-method-form-data-parameters': 'form',
};

/** Which tags may appear directly inside which: the grammar, in one table. */
const CHILDREN: Record<string, readonly string[]> = {
  root: ['api-method'],
  'api-method': ['api-method-summary', 'api-method-description', 'api-method-spec'],
  'api-method-summary': [],
  'api-method-description': [],
  'api-method-spec': ['api-method-request', 'api-method-response'],
  'api-method-request': Object.keys(PARAMETER_GROUPS),
  ...Object.fromEntries(Object.keys(PARAMETER_GROUPS).map((g) => [g, ['api-method-parameter']])),
  'api-method-parameter': [],
  'api-method-response': ['api-method-response-example'],
  'api-method-response-example': ['api-method-response-example-description'],
  'api-method-response-example-description': [],
};

const TAG = /\{%-?\s*(end)?(api-method[\w-]*)((?:[^%]|%(?!\}))*?)\s*-?%\}/g;
const ATTR = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;

/** Unescapes markdown backslash escapes (`refresh\_token` → `refresh_token`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

function parseAttributes(source: string, line: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rest = source.replace(ATTR, (_m, key: string, dq?: string, sq?: string, bare?: string) => {
    attrs[key] = dq ?? sq ?? bare ?? '';
    return '';
  });
  if (rest.trim() !== '') {
    throw new GitbookSyntaxError(`cannot read tag attributes ${JSON.stringify(rest.trim())}`, line);
  }
  return attrs;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Node {
  tag: Tag;
  children: Node[];
  /** Text between this node's children, in order, with its start offset. */
  text: { value: string; offset: number }[];
  closed: boolean;
}

function buildTree(markdown: string): Node {
  const root: Node = {
    tag: { name: 'root', attrs: {}, line: 1, end: 0 },
    children: [],
    text: [],
    closed: true,
  };
  const stack: Node[] = [root];
  let cursor = 0;
  for (const match of markdown.matchAll(TAG)) {
    const offset = match.index;
    const line = lineAt(markdown, offset);
    const [, isEnd, name = '', attrSource = ''] = match;
    const top = stack.at(-1) as Node;
    top.text.push({ value: markdown.slice(cursor, offset), offset: cursor });
    cursor = offset + match[0].length;
    if (!(name in CHILDREN) || name === 'root') {
      throw new GitbookSyntaxError(`unknown tag {% ${isEnd ?? ''}${name} %}`, line);
    }
    if (isEnd) {
      if (top.tag.name !== name) {
        const expected =
          top.tag.name === 'root'
            ? 'no open tag'
            : `{% end${top.tag.name} %} for the tag opened on line ${top.tag.line}`;
        throw new GitbookSyntaxError(`{% end${name} %} does not match: expected ${expected}`, line);
      }
      top.closed = true;
      top.tag.end = line;
      stack.pop();
      continue;
    }
    const allowed = CHILDREN[top.tag.name] ?? [];
    if (!allowed.includes(name)) {
      const where = top.tag.name === 'root' ? 'at top level' : `inside {% ${top.tag.name} %}`;
      throw new GitbookSyntaxError(`{% ${name} %} is not allowed ${where}`, line);
    }
    const node: Node = {
      tag: { name, attrs: parseAttributes(attrSource, line), line, end: 0 },
      children: [],
      text: [],
      closed: false,
    };
    top.children.push(node);
    stack.push(node);
  }
  const open = stack.at(-1) as Node;
  if (open !== root) {
    throw new GitbookSyntaxError(`{% ${open.tag.name} %} is never closed`, open.tag.line);
  }
  root.text.push({ value: markdown.slice(cursor), offset: cursor });
  return root;
}

function textOf(node: Node): string {
  return node.text
    .map((t) => t.value)
    .join('')
    .trim();
}

function child(node: Node, name: string): Node | undefined {
  return node.children.find((c) => c.tag.name === name);
}

function children(node: Node, name: string): Node[] {
  return node.children.filter((c) => c.tag.name === name);
}

function requireAttr(tag: Tag, key: string): string {
  const value = tag.attrs[key];
  if (value === undefined || value === '') {
    throw new GitbookSyntaxError(`{% ${tag.name} %} needs a ${key}="..." attribute`, tag.line);
  }
  return value;
}

const FENCE = /^(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)\n?^\1[ \t]*$/m;

function readExample(node: Node, markdown: string): DocExample {
  const code = requireAttr(node.tag, 'httpCode');
  const httpCode = Number(code);
  if (!Number.isInteger(httpCode) || httpCode < 100 || httpCode > 599) {
    throw new GitbookSyntaxError(`httpCode ${JSON.stringify(code)} is not an HTTP status`, node.tag.line);
  }
  const descriptionNode = child(node, 'api-method-response-example-description');
  let body: string | undefined;
  let bodyLine = node.tag.line;
  let language = '';
  for (const segment of node.text) {
    const fence = FENCE.exec(segment.value);
    if (fence) {
      language = (fence[2] ?? '').toLowerCase();
      body = fence[3] ?? '';
      bodyLine = lineAt(markdown, segment.offset + fence.index) + 1;
      break;
    }
    if (/^(```|~~~)/m.test(segment.value)) {
      throw new GitbookSyntaxError('unterminated code fence in response example', node.tag.line);
    }
  }
  return {
    httpCode,
    description: descriptionNode ? textOf(descriptionNode) : '',
    language,
    body,
    bodyLine,
    line: node.tag.line,
  };
}

/** Parses every `{% api-method %}` block of a GitBook page. Throws GitbookSyntaxError with a line. */
export function parseGitbook(markdown: string): DocOperation[] {
  const text = markdown.replace(/\r\n?/g, '\n');
  const root = buildTree(text);
  return children(root, 'api-method').map((method) => {
    const { tag } = method;
    const spec = child(method, 'api-method-spec');
    const request = spec && child(spec, 'api-method-request');
    const response = spec && child(spec, 'api-method-response');
    const parameters: DocParameter[] = [];
    for (const group of request?.children ?? []) {
      const location = PARAMETER_GROUPS[group.tag.name] as ParameterLocation;
      for (const p of children(group, 'api-method-parameter')) {
        parameters.push({
          name: unescapeMarkdown(requireAttr(p.tag, 'name')),
          location,
          type: (p.tag.attrs.type ?? 'string').toLowerCase(),
          required: (p.tag.attrs.required ?? 'false').toLowerCase() === 'true',
          description: textOf(p),
          line: p.tag.line,
        });
      }
    }
    const summary = child(method, 'api-method-summary');
    const description = child(method, 'api-method-description');
    return {
      method: requireAttr(tag, 'method').toLowerCase(),
      host: tag.attrs.host ?? '',
      path: unescapeMarkdown(requireAttr(tag, 'path')),
      summary: summary ? unescapeMarkdown(textOf(summary)) : '',
      description: description ? textOf(description) : '',
      parameters,
      examples: response ? children(response, 'api-method-response-example').map((e) => readExample(e, text)) : [],
      line: tag.line,
    };
  });
}
