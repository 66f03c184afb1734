/**
 * Turns a GitBook api-method page into an OpenAPI 3.1 document, faithfully: nothing is added that
 * the docs do not say, and every disagreement or oddity found in them is returned as a warning
 * (with its line) instead of stopping the transcription.
 * https://spec.openapis.org/oas/v3.1.0
 */
import { STATUS_CODES } from 'node:http';
import { audit } from './audit.ts';
import { type DocBody, type DocOperation, type DocParameter, parseGitbook } from './gitbook-parse.ts';
import { inferSchema, type JsonValue, mergeSchemas, type Schema } from './infer-schema.ts';
import { looksLikeJson, parseLenient } from './lenient-json.ts';
import { type Alternative, mergeAlternatives } from './merge-alternatives.ts';
import { normaliseUrls, serverObject } from './normalise-url.ts';
import { pageInfo } from './page-info.ts';
import { needsMultipart, schemaForType } from './parameter-schema.ts';
import { securityFor } from './security-scheme.ts';

/** Where a block of the page went: the audit compares the two. */
export interface TranscribedBlock {
  line: number;
  method: string;
  path: string;
}

export interface Transcription {
  document: Record<string, unknown>;
  warnings: string[];
  blocks: TranscribedBlock[];
}

export interface TranscribeOptions {
  /** Used when the page has neither a top-level heading nor a front-matter title. */
  title?: string;
  version?: string;
}

/** The page holds no api-method block: there is nothing to transcribe. */
export class NoApiMethodError extends Error {
  constructor() {
    super('no {% api-method %} or {% swagger %} block found');
    this.name = 'NoApiMethodError';
  }
}

const MEDIA_BY_LANGUAGE: Record<string, string> = {
  xml: 'application/xml',
  html: 'text/html',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
};

/** Headers OpenAPI describes elsewhere (media types, security), not as parameters. */
const DESCRIBED_ELSEWHERE = new Set(['content-type', 'accept', 'authorization']);
const MEDIA_TYPE = /\b(?:application|text|multipart|image|audio|video)\/[\w.+-]+/gi;

function withDescription<T extends Record<string, unknown>>(object: T, description: string): T {
  return description ? { ...object, description } : object;
}

function parameterSchema(p: DocParameter, warnings: string[]): Schema {
  const schema = schemaForType(p.type);
  if (schema) return schema;
  warnings.push(`line ${p.line}: parameter "${p.name}" has unknown type "${p.type}"; transcribed as string`);
  return { type: 'string' };
}

function header(op: DocOperation, name: string): DocParameter | undefined {
  return op.parameters.find((p) => p.location === 'header' && p.name.toLowerCase() === name);
}

function mediaTypesIn(text: string): string[] {
  return [...text.matchAll(MEDIA_TYPE)].map((m) => m[0].toLowerCase());
}

const isJsonMedia = (media: string) => /[/+]json$/.test(media);

/** A documented body as OpenAPI media type, schema and example value. */
interface ReadBody {
  media: string;
  schema: Schema;
  value: JsonValue;
}

function linesBefore(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function readBody(body: DocBody, what: string, accept: string[], warnings: string[]): ReadBody {
  const jsonish = looksLikeJson(body.text) || ['json', 'json5', 'jsonc'].includes(body.language);
  if (jsonish) {
    const parsed = parseLenient(body.text);
    if (parsed.ok) {
      if (parsed.how !== 'json') {
        const comments = parsed.comments ? ' (its comments are dropped)' : '';
        warnings.push(`line ${body.line}: ${what} is not strict JSON${comments}; read leniently`);
      }
      return {
        media: accept.find(isJsonMedia) ?? 'application/json',
        schema: inferSchema(parsed.value),
        value: parsed.value,
      };
    }
    const offsetLine = parsed.offset === undefined ? 0 : linesBefore(body.text, parsed.offset);
    if (parsed.tooDeep) {
      warnings.push(`line ${body.line + offsetLine}: ${what} is ${parsed.error}; kept as a string example`);
      return { media: accept.find(isJsonMedia) ?? 'application/json', schema: { type: 'string' }, value: body.text };
    }
    warnings.push(
      `line ${body.line + offsetLine}: ${what} is not JSON even read leniently (${parsed.error}); kept as a string example`,
    );
  }
  let media = MEDIA_BY_LANGUAGE[body.language];
  if (body.language === 'markup') media = /^\s*<\?xml|xmlns=/.test(body.text) ? 'application/xml' : 'text/html';
  media ??= accept.find((m) => !isJsonMedia(m)) ?? 'text/plain';
  return { media, schema: { type: 'string' }, value: body.text };
}

type Content = Record<string, { schema: Schema; examples: Record<string, { value: JsonValue }> }>;

function addExample(content: Content, read: ReadBody, key: string): void {
  const existing = content[read.media];
  if (!existing) {
    content[read.media] = { schema: read.schema, examples: { [key]: { value: read.value } } };
    return;
  }
  existing.schema = mergeSchemas(existing.schema, read.schema);
  let unique = key;
  for (let n = 2; unique in existing.examples; n++) unique = `${key}-${n}`;
  existing.examples[unique] = { value: read.value };
}

function exampleKey(index: number): string {
  return index === 0 ? 'documented' : `documented-${index + 1}`;
}

function responses(op: DocOperation, label: string, warnings: string[]): Record<string, unknown> {
  const accept = mediaTypesIn(header(op, 'accept')?.description ?? '');
  const byCode = new Map<string, typeof op.examples>();
  for (const example of op.examples) {
    const code = example.httpCode === undefined ? 'default' : String(example.httpCode);
    byCode.set(code, [...(byCode.get(code) ?? []), example]);
  }
  if (byCode.size === 0) {
    warnings.push(`line ${op.line}: ${label} documents no response`);
    return { default: { description: 'Not documented' } };
  }
  const out: Record<string, unknown> = {};
  const order = (code: string) => (code === 'default' ? 1000 : Number(code));
  for (const [code, examples] of [...byCode].sort(([a], [b]) => order(a) - order(b))) {
    const description =
      examples.map((e) => e.description).find((d) => d !== '') ?? STATUS_CODES[Number(code)] ?? 'Default response';
    const content: Content = {};
    examples.forEach((example, index) => {
      for (const body of example.bodies) {
        if (body.text.trim() === '') continue;
        const read = readBody(body, `${code} example`, accept, warnings);
        addExample(content, read, body.name ?? exampleKey(index));
      }
    });
    out[code] = Object.keys(content).length ? { description, content } : { description };
  }
  return out;
}

function requestMediaType(op: DocOperation, multipart: boolean): string | undefined {
  const said = header(op, 'content-type')?.description.toLowerCase() ?? '';
  const explicit = mediaTypesIn(said)[0];
  if (explicit) return explicit;
  if (said.includes('json')) return 'application/json';
  if (said.includes('multipart') || said.includes('form-data')) return 'multipart/form-data';
  if (said.includes('urlencoded') || said.includes('form')) return 'application/x-www-form-urlencoded';
  if (op.parameters.some((p) => p.location === 'form')) {
    return multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  }
  return undefined;
}

/**
 * The schema body parameters give: an object of the named ones; a parameter without a name is the
 * whole body (`type="array"`: the body is an array), and next to named ones it is one alternative.
 */
function bodySchema(fields: DocParameter[], required: string[], label: string, warnings: string[]): Schema {
  const whole = fields.filter((p) => p.name === '');
  const named = fields.filter((p) => p.name !== '');
  const alternatives = whole.map((p) => withDescription(parameterSchema(p, warnings), p.description));
  if (named.length) {
    const properties: Record<string, Schema> = {};
    for (const p of named) properties[p.name] = withDescription(parameterSchema(p, warnings), p.description);
    const object: Schema = { type: 'object', properties };
    if (required.length) object.required = required;
    alternatives.push(object);
  }
  if (alternatives.length === 1) return alternatives[0] as Schema;
  warnings.push(
    `line ${whole[0]?.line}: ${label} documents its whole body (a parameter without a name) and also ${named.length ? 'named fields' : 'another whole body'}; the body is one of them`,
  );
  return { oneOf: alternatives };
}

function requestBody(op: DocOperation, label: string, warnings: string[]): Record<string, unknown> | undefined {
  const fields = op.parameters.filter((p) => p.location === 'body' || p.location === 'form');
  if (fields.length === 0 && op.requestExamples.every((b) => b.text.trim() === '')) return undefined;
  if (new Set(fields.map((p) => p.location)).size > 1) {
    warnings.push(`line ${op.line}: ${label} mixes body and form-data parameters; merged into one body`);
  }
  const declared = requestMediaType(
    op,
    fields.some((p) => p.location === 'form' && needsMultipart(p.type)),
  );
  const content: Content = {};
  const required = fields.filter((p) => p.required && p.name !== '').map((p) => p.name);
  if (fields.length) {
    content[declared ?? 'application/json'] = { schema: bodySchema(fields, required, label, warnings), examples: {} };
  }
  op.requestExamples.forEach((body, index) => {
    if (body.text.trim() === '') return;
    const read = readBody(body, 'request example', declared ? [declared] : [], warnings);
    const target = content[read.media];
    // A documented example completes the schema the parameters give; it never widens it.
    if (target && fields.length) target.examples[body.name ?? exampleKey(index)] = { value: read.value };
    else addExample(content, read, body.name ?? exampleKey(index));
  });
  for (const media of Object.values(content)) {
    if (Object.keys(media.examples).length === 0) delete (media as { examples?: unknown }).examples;
  }
  const bodyRequired = required.length > 0 || fields.some((p) => p.name === '' && p.required);
  return { ...(fields.length ? { required: bodyRequired } : {}), content };
}

/** A value written in a URL, as the type its schema names (`1` for an integer), else as written. */
function exampleOfType(value: string, schema: Schema): JsonValue {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) || !/^-?\d+$/.test(value) ? n : BigInt(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Parameters the page places wrongly but unambiguously, put where the path says: a path parameter
 * without a name is the path's one undocumented placeholder; `name=":id"` in another group is the
 * path's `{id}`. Each move is a warning.
 */
function placedParameters(
  parameters: DocParameter[],
  templated: string[],
  label: string,
  warnings: string[],
): DocParameter[] {
  const documented = new Set(parameters.filter((p) => p.location === 'path' && p.name).map((p) => p.name));
  const placed = parameters.map((p) => {
    const bare = p.name.slice(1);
    if (p.location !== 'path' && p.location !== 'body' && p.name.startsWith(':') && templated.includes(bare)) {
      if (documented.has(bare)) return p;
      documented.add(bare);
      warnings.push(
        `line ${p.line}: ${p.location} parameter "${p.name}" is the path's {${bare}}; read as that path parameter`,
      );
      return { ...p, name: bare, location: 'path' as const };
    }
    return p;
  });
  const open = templated.filter((name) => !documented.has(name));
  return placed.flatMap((p) => {
    if (p.location !== 'path' || p.name !== '') return [p];
    if (open.length === 1) {
      warnings.push(
        `line ${p.line}: a path parameter of ${label} has no name; read as {${open[0]}}, the one placeholder not otherwise documented`,
      );
      return [{ ...p, name: open.splice(0, 1)[0] as string }];
    }
    warnings.push(`line ${p.line}: a path parameter of ${label} has no name; ignored`);
    return [];
  });
}

function parameters(
  op: DocOperation,
  path: string,
  query: [string, string][],
  label: string,
  warnings: string[],
  server: { url: string | undefined; described: Map<string, string> },
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const seen = new Set<string>();
  for (const p of placedParameters(op.parameters, templated, label, warnings)) {
    if (p.location === 'body' || p.location === 'form') continue;
    if (p.location === 'header' && DESCRIBED_ELSEWHERE.has(p.name.toLowerCase())) continue;
    const key = `${p.location}:${p.location === 'header' ? p.name.toLowerCase() : p.name}`;
    if (seen.has(key)) {
      warnings.push(`line ${p.line}: ${p.location} parameter "${p.name}" is documented twice; the first is kept`);
      continue;
    }
    if (p.location === 'path' && !templated.includes(p.name)) {
      // The query string written into the path may hold it (`?params[id]=1`): then it is that.
      const written = query.find(([name]) => name === p.name || name.endsWith(`[${p.name}]`));
      if (written && !seen.has(`query:${written[0]}`)) {
        warnings.push(
          `line ${p.line}: path parameter "${p.name}" does not appear in ${path}; read as the query parameter "${written[0]}" its query string names`,
        );
        seen.add(`query:${written[0]}`);
        const schema = parameterSchema(p, warnings);
        out.push(
          withDescription(
            {
              name: written[0],
              in: 'query',
              required: p.required,
              schema,
              ...(written[1] ? { example: exampleOfType(written[1], schema) } : {}),
            },
            p.description,
          ),
        );
        continue;
      }
      // The host may hold it (`baseUrl="https://{env}.example.com"`): then it is that server variable.
      if (server.url?.includes(`{${p.name}}`)) {
        warnings.push(
          `line ${p.line}: path parameter "${p.name}" is in the server URL, not the path; read as its server variable`,
        );
        if (!server.described.has(p.name)) server.described.set(p.name, p.description);
        continue;
      }
      warnings.push(`line ${p.line}: path parameter "${p.name}" does not appear in ${path}; ignored`);
      continue;
    }
    seen.add(key);
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
  for (const name of new Set(templated)) {
    if (seen.has(`path:${name}`)) continue;
    warnings.push(`line ${op.line}: path parameter "${name}" of ${label} is not documented; transcribed as a string`);
    out.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, value] of query) {
    if (seen.has(`query:${name}`)) continue;
    seen.add(`query:${name}`);
    out.push({ name, in: 'query', required: false, schema: { type: 'string' }, ...(value ? { example: value } : {}) });
  }
  return out;
}

/** `Refresh Token` → `refreshToken`; accents dropped; undefined when nothing Latin is left. */
function camelCase(text: string): string | undefined {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  const id = words
    .map((w, i) => {
      if (i > 0) return w.charAt(0).toUpperCase() + w.slice(1);
      return w === w.toUpperCase() ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1);
    })
    .join('');
  return /^[A-Za-z]/.test(id) ? id : `op${id}`;
}

function summaryOf(op: DocOperation, label: string): string {
  if (op.summary) return op.summary;
  const firstLine = op.description.split('\n').find((l) => l.trim() !== '');
  const plain = firstLine?.replace(/<[^>]+>/g, '').trim();
  return plain ? plain.slice(0, 80) : label;
}

function hostWarnings(ops: DocOperation[], servers: (string | undefined)[], paths: string[]): string[] {
  const hosts = [...new Set(servers.filter((s): s is string => s !== undefined))];
  if (hosts.length <= 1) return [];
  const where = hosts.map((h) => {
    const users = ops
      .map((o, i) => (servers[i] === h ? `${o.method.toUpperCase()} ${paths[i]} (line ${o.line})` : undefined))
      .filter(Boolean);
    return `${h} for ${users.join(', ')}`;
  });
  return [`operations disagree on the host: ${where.join('; ')}`];
}

/** Transcribes a GitBook page. Throws NoApiMethodError when it holds no api-method block. */
export function transcribe(markdown: string, options: TranscribeOptions = {}): Transcription {
  const parsed = parseGitbook(markdown);
  const ops = parsed.operations;
  if (ops.length === 0) throw new NoApiMethodError();
  const page = pageInfo(markdown);
  const urls = normaliseUrls(ops.map((o) => ({ host: o.host, path: o.path, line: o.line })));
  const opServers = urls.operations.map((u) => u.server);
  const opPaths = urls.operations.map((u) => u.path);
  const warnings = [...page.warnings, ...parsed.warnings, ...urls.warnings];
  if (urls.server === undefined && opServers.every((s) => s === undefined)) {
    warnings.push(
      `line ${ops[0]?.line}: the docs give no host; the server is "/" (relative to where the docs are served)`,
    );
  }
  const paths: Record<string, Record<string, unknown>> = {};
  const securitySchemes: Record<string, unknown> = {};
  const operationIds = new Set<string>();
  const blocks: TranscribedBlock[] = [];
  /** What the page says of the servers' placeholders (documented as path parameters). */
  const described = new Map<string, string>();
  /** Each block's operation, grouped by method and path (OpenAPI holds one per pair). */
  const groups = new Map<string, { path: string; method: string; alternatives: Alternative[] }>();
  const blockNames = new Set<string>();
  ops.forEach((op, index) => {
    const url = urls.operations[index] as (typeof urls.operations)[number];
    const label = `${op.method.toUpperCase()} ${url.path}`;
    const params = parameters(op, url.path, url.query, label, warnings, { url: url.server, described });
    const body = requestBody(op, label, warnings);
    const security = securityFor(header(op, 'authorization'));
    if (security) Object.assign(securitySchemes, security.schemes);
    const summary = summaryOf(op, label);
    let operationId = camelCase(summary) ?? camelCase(`${op.method} ${url.path}`) ?? op.method;
    for (let n = 2; operationIds.has(operationId); n++) operationId = `${operationId.replace(/\d+$/, '')}${n}`;
    operationIds.add(operationId);
    let name = operationId;
    for (let n = 2; blockNames.has(name); n++) name = `${operationId}-${n}`;
    blockNames.add(name);
    const operation = {
      summary,
      ...(op.description ? { description: op.description } : {}),
      ...(url.server !== urls.server && url.server ? { servers: [serverObject(url.server, described)] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(security ? { security: security.requirement } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(op, label, warnings),
      // Last, so that an overlay setting its own ids keeps the documents' key order.
      operationId,
    };
    const key = `${op.method} ${url.path}`;
    const group = groups.get(key) ?? { path: url.path, method: op.method, alternatives: [] };
    group.alternatives.push({ operation, line: op.line, name, query: url.query });
    groups.set(key, group);
    blocks.push({ line: op.line, method: op.method, path: url.path });
  });
  for (const { path, method, alternatives } of groups.values()) {
    const item = paths[path] ?? {};
    paths[path] = item;
    if (alternatives.length === 1) {
      item[method] = alternatives[0]?.operation;
      continue;
    }
    const merged = mergeAlternatives(alternatives, `${method.toUpperCase()} ${path}`);
    item[method] = merged.operation;
    warnings.push(merged.warning);
  }
  // A difference the transcription already warned about on that line is said once.
  const warnedLines = new Set(warnings.map((w) => /^line \d+:/.exec(w)?.[0]));
  warnings.push(...audit(markdown, { paths }, blocks).filter((w) => !warnedLines.has(/^line \d+:/.exec(w)?.[0])));
  const lineOf = (w: string) => Number(/^line (\d+):/.exec(w)?.[1] ?? 0);
  warnings.sort((a, b) => lineOf(a) - lineOf(b));
  warnings.unshift(...hostWarnings(ops, opServers, opPaths));
  // A page without a heading is still named: by its front-matter description, else by the caller.
  const info: Record<string, unknown> = {
    title: page.title ?? page.description ?? options.title ?? 'API',
    version: options.version ?? '1.0.0',
  };
  if (page.description && page.title) info.description = page.description;
  if (warnings.length) info['x-transcription-warnings'] = warnings;
  return {
    document: {
      openapi: '3.1.0',
      info,
      servers: [serverObject(urls.server ?? '/', described)],
      paths,
      ...(Object.keys(securitySchemes).length ? { components: { securitySchemes } } : {}),
    },
    warnings,
    blocks,
  };
}
