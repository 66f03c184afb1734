/**
 * Turns parsed GitBook operations into an OpenAPI 3.1 document, faithfully: nothing is added that
 * the docs do not say, and every disagreement found in them is returned as a warning.
 * https://spec.openapis.org/oas/v3.1.0
 */
import { STATUS_CODES } from 'node:http';
import {
  type DocExample,
  type DocOperation,
  type DocParameter,
  GitbookSyntaxError,
  parseGitbook,
} from './gitbook-parse.ts';
import { inferSchema, type JsonValue, mergeSchemas, type Schema } from './infer-schema.ts';

export interface Transcription {
  document: Record<string, unknown>;
  warnings: string[];
}

export interface TranscribeOptions {
  /** Used when the page has neither a front-matter description nor a top-level heading. */
  title?: string;
  version?: string;
}

const JSON_LANGUAGES = new Set(['json', 'javascript', 'js', 'json5', 'jsonc']);
const MEDIA_BY_LANGUAGE: Record<string, string> = {
  xml: 'application/xml',
  html: 'text/html',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
};

/** GitBook parameter types → JSON Schema. Unknown types fall back to string, with a warning. */
const TYPES: Record<string, Schema> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  int: { type: 'integer' },
  number: { type: 'number' },
  float: { type: 'number' },
  double: { type: 'number' },
  boolean: { type: 'boolean' },
  bool: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array' },
  file: { type: 'string', contentMediaType: 'application/octet-stream' },
};

const IGNORED_HEADERS = new Set(['content-type', 'accept', 'authorization']);

function parameterSchema(p: DocParameter, warnings: string[]): Schema {
  const schema = TYPES[p.type];
  if (schema) return { ...schema };
  warnings.push(`line ${p.line}: parameter "${p.name}" has unknown type "${p.type}"; transcribed as string`);
  return { type: 'string' };
}

function withDescription<T extends Record<string, unknown>>(object: T, description: string): T {
  return description ? { ...object, description } : object;
}

/** Parses a JSON example; tolerates comments and trailing commas (with a warning), else stops. */
function parseJsonExample(example: DocExample, warnings: string[]): JsonValue {
  const body = example.body ?? '';
  try {
    return JSON.parse(body) as JsonValue;
  } catch (strictError) {
    const relaxed = body
      .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str?: string) => str ?? '')
      .replace(/,(\s*[}\]])/g, '$1');
    try {
      const value = JSON.parse(relaxed) as JsonValue;
      warnings.push(
        `line ${example.bodyLine}: example body is not strict JSON (comments or trailing commas); read leniently`,
      );
      return value;
    } catch {
      const message = (strictError as Error).message;
      const position = /position (\d+)/.exec(message);
      const offsetLine = position ? body.slice(0, Number(position[1])).split('\n').length - 1 : 0;
      throw new GitbookSyntaxError(
        `${example.httpCode} example is not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, '')})`,
        example.bodyLine + offsetLine,
      );
    }
  }
}

function looksLikeJson(example: DocExample): boolean {
  if (JSON_LANGUAGES.has(example.language)) return true;
  return example.language === '' && /^\s*[[{]/.test(example.body ?? '');
}

function exampleKey(index: number): string {
  return index === 0 ? 'documented' : `documented-${index + 1}`;
}

function responses(op: DocOperation, warnings: string[]): Record<string, unknown> {
  const byCode = new Map<number, DocExample[]>();
  for (const example of op.examples) byCode.set(example.httpCode, [...(byCode.get(example.httpCode) ?? []), example]);
  if (byCode.size === 0) {
    warnings.push(`line ${op.line}: ${op.method.toUpperCase()} ${op.path} documents no response`);
    return { default: { description: 'Not documented' } };
  }
  const out: Record<string, unknown> = {};
  for (const [code, examples] of [...byCode].sort(([a], [b]) => a - b)) {
    const description =
      examples.map((e) => e.description).find((d) => d !== '') ?? STATUS_CODES[code] ?? `HTTP ${code}`;
    const content: Record<string, { schema: Schema; examples: Record<string, { value: JsonValue }> }> = {};
    examples.forEach((example, index) => {
      if (example.body === undefined || example.body.trim() === '') return;
      const isJson = looksLikeJson(example);
      const media = isJson ? 'application/json' : (MEDIA_BY_LANGUAGE[example.language] ?? 'text/plain');
      const value: JsonValue = isJson ? parseJsonExample(example, warnings) : example.body;
      const schema = isJson ? inferSchema(value) : { type: 'string' };
      const existing = content[media];
      if (existing) {
        existing.schema = mergeSchemas(existing.schema, schema);
        existing.examples[exampleKey(index)] = { value };
      } else {
        content[media] = { schema, examples: { [exampleKey(index)]: { value } } };
      }
    });
    out[String(code)] = Object.keys(content).length ? { description, content } : { description };
  }
  return out;
}

function bodyMediaType(op: DocOperation, hasFiles: boolean): string {
  const header = op.parameters.find((p) => p.location === 'header' && p.name.toLowerCase() === 'content-type');
  const said = header?.description.toLowerCase() ?? '';
  const explicit = /\b(application|multipart|text)\/[\w.+-]+/.exec(said);
  if (explicit) return explicit[0];
  if (said.includes('json')) return 'application/json';
  if (said.includes('multipart') || said.includes('form-data')) return 'multipart/form-data';
  if (said.includes('urlencoded') || said.includes('form')) return 'application/x-www-form-urlencoded';
  if (op.parameters.some((p) => p.location === 'form')) {
    return hasFiles ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  }
  return 'application/json';
}

function requestBody(op: DocOperation, warnings: string[]): Record<string, unknown> | undefined {
  const fields = op.parameters.filter((p) => p.location === 'body' || p.location === 'form');
  if (fields.length === 0) return undefined;
  if (new Set(fields.map((p) => p.location)).size > 1) {
    warnings.push(
      `line ${op.line}: ${op.method.toUpperCase()} ${op.path} mixes body and form-data parameters; merged into one body`,
    );
  }
  const properties: Record<string, Schema> = {};
  for (const p of fields) properties[p.name] = withDescription(parameterSchema(p, warnings), p.description);
  const required = fields.filter((p) => p.required).map((p) => p.name);
  const schema: Schema = { type: 'object', properties };
  if (required.length) schema.required = required;
  const media = bodyMediaType(
    op,
    fields.some((p) => p.type === 'file'),
  );
  return { required: required.length > 0, content: { [media]: { schema } } };
}

/** `/users/:id` and `/users/{id}` both become `/users/{id}`. */
function openapiPath(path: string): string {
  return path.replace(/:([A-Za-z_][\w]*)/g, '{$1}');
}

function parameters(op: DocOperation, path: string, warnings: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  for (const p of op.parameters) {
    if (p.location === 'body' || p.location === 'form') continue;
    if (p.location === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())) {
      if (p.name.toLowerCase() === 'authorization') {
        warnings.push(
          `line ${p.line}: Authorization header documented as a parameter; OpenAPI ignores it (a security scheme would describe it)`,
        );
      }
      continue;
    }
    if (p.location === 'path' && !templated.includes(p.name)) {
      warnings.push(`line ${p.line}: path parameter "${p.name}" does not appear in ${path}`);
      continue;
    }
    out.push(
      withDescription(
        {
          name: p.name,
          in: p.location,
          required: p.location === 'path' ? true : p.required,
          schema: parameterSchema(p, warnings),
        },
        p.description,
      ),
    );
  }
  for (const name of templated) {
    if (!op.parameters.some((p) => p.location === 'path' && p.name === name)) {
      warnings.push(`line ${op.line}: path parameter "${name}" of ${path} is not documented; transcribed as a string`);
      out.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  return out;
}

function pageTitle(markdown: string): { title?: string; description?: string } {
  const front = /^---\n([\s\S]*?)\n---/.exec(markdown.replace(/\r\n?/g, '\n'));
  const description = front ? /^description:\s*(.+)$/m.exec(front[1] ?? '')?.[1]?.trim() : undefined;
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim();
  return { title: description ?? heading, description: heading && description ? heading : undefined };
}

function hostWarnings(ops: DocOperation[]): string[] {
  const hosts = [...new Set(ops.map((o) => o.host).filter(Boolean))];
  if (hosts.length <= 1) return [];
  const where = hosts.map((h) => {
    const users = ops.filter((o) => o.host === h).map((o) => `${o.method.toUpperCase()} ${o.path} (line ${o.line})`);
    return `${h} for ${users.join(', ')}`;
  });
  return [`operations disagree on the host: ${where.join('; ')}`];
}

/** Transcribes a GitBook page. Throws GitbookSyntaxError (with a line) for malformed markup. */
export function transcribe(markdown: string, options: TranscribeOptions = {}): Transcription {
  const ops = parseGitbook(markdown);
  if (ops.length === 0) throw new GitbookSyntaxError('no {% api-method %} block found', 1);
  const warnings = hostWarnings(ops);
  const mainHost = ops.find((o) => o.host)?.host;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const path = openapiPath(op.path);
    const item = paths[path] ?? {};
    paths[path] = item;
    if (item[op.method]) {
      throw new GitbookSyntaxError(`${op.method.toUpperCase()} ${op.path} is documented twice`, op.line);
    }
    const params = parameters(op, path, warnings);
    const body = requestBody(op, warnings);
    item[op.method] = {
      ...(op.summary ? { summary: op.summary } : {}),
      ...(op.description ? { description: op.description } : {}),
      ...(op.host && op.host !== mainHost ? { servers: [{ url: op.host }] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(op, warnings),
    };
  }
  const page = pageTitle(markdown);
  const info: Record<string, unknown> = {
    title: page.title ?? options.title ?? 'API',
    version: options.version ?? '1.0.0',
  };
  if (page.description) info.description = page.description;
  if (warnings.length) info['x-transcription-warnings'] = warnings;
  return {
    document: {
      openapi: '3.1.0',
      info,
      ...(mainHost ? { servers: [{ url: mainHost }] } : {}),
      paths,
    },
    warnings,
  };
}
