// What "covered" means, read from the spec: every item a run, a proxy session, a recording or an
// app's tests against the mocks can exercise. Per operation: each documented status, each named
// example, each scenario of the `Prefer` protocol the mocks honour, and each kind of bad request the
// operation's request body allows. Pure (no files, no Node): the mocks record in the browser too.
import { openapiDocument } from '../spec/generated/openapi.ts';

/** The coverage file's format version; a reader refuses any other. */
export const coverageVersion = 1;

export type ItemKind = 'status' | 'example' | 'scenario' | 'refusal';
export const itemKinds: readonly ItemKind[] = ['status', 'example', 'scenario', 'refusal'];

/** The `Prefer` preferences the mocks honour (common/prefer.ts); Prism honours the first two. */
export const scenarioNames = ['code', 'example', 'delay', 'network-error'] as const;

export interface CoverageItem {
  operation: string;
  kind: ItemKind;
  /** `200`, `expired-token`, `delay`, `missing-password` … */
  name: string;
  /** Where a named example lives: its status. */
  status?: number;
}

export interface ModelOperation {
  id: string;
  method: string;
  path: string;
  /** Matches a concrete path for a templated one (`/users/{id}`); undefined for a plain path. */
  pattern: RegExp | undefined;
  statuses: number[];
  /** Named examples per documented status, in the spec's order. */
  examples: { status: number; name: string; value: unknown }[];
  refusals: string[];
  /** How bad requests are told apart (see `refusalKind`). */
  body: BodyRules | undefined;
}

export interface BodyRules {
  required: boolean;
  mediaTypes: string[];
  requiredFields: string[];
  /** JSON types of the body's fields, where the schema names one. */
  fieldTypes: Record<string, string>;
}

export interface CoverageModel {
  title: string;
  version: string;
  operations: ModelOperation[];
  items: CoverageItem[];
}

interface SchemaLike {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  required?: string[];
}
interface DocumentLike {
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaLike> };
}
interface OperationLike {
  operationId?: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaLike }> };
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }>;
}

const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function resolve(schema: SchemaLike | undefined, doc: DocumentLike): SchemaLike | undefined {
  // One level of `#/components/schemas/X` is all a request body of this API ever uses.
  const name = schema?.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  return name === undefined ? schema : doc.components?.schemas?.[name];
}

function bodyRules(op: OperationLike, doc: DocumentLike): BodyRules | undefined {
  const content = op.requestBody?.content;
  if (!content) return undefined;
  const schema = resolve(content['application/json']?.schema, doc);
  const fieldTypes: Record<string, string> = {};
  for (const [field, raw] of Object.entries(schema?.properties ?? {})) {
    const type = resolve(raw, doc)?.type;
    if (typeof type === 'string') fieldTypes[field] = type;
  }
  return {
    required: op.requestBody?.required === true,
    mediaTypes: Object.keys(content).map((type) => type.toLowerCase()),
    requiredFields: schema?.required ?? [],
    fieldTypes,
  };
}

/** The kinds of bad request an operation's body allows, in the order `refusalKind` tells them apart. */
function refusalsOf(body: BodyRules | undefined): string[] {
  if (!body) return [];
  return [
    ...(body.required ? ['empty-body'] : []),
    'wrong-content-type',
    'malformed-json',
    'not-an-object',
    ...body.requiredFields.map((field) => `missing-${field}`),
    ...Object.keys(body.fieldTypes).map((field) => `wrong-type-${field}`),
  ];
}

/** Reads the coverable items of an OpenAPI document (default: the kit's merged spec). */
export function buildCoverageModel(document: unknown = openapiDocument): CoverageModel {
  const doc = document as DocumentLike;
  const operations: ModelOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      const op = raw as OperationLike;
      const statuses: number[] = [];
      const examples: ModelOperation['examples'] = [];
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        const status = Number(code);
        if (!Number.isInteger(status)) continue; // `default`, `4XX`: no status an answer can have
        statuses.push(status);
        const media = Object.values(response.content ?? {})[0];
        for (const [name, example] of Object.entries(media?.examples ?? {}))
          examples.push({ status, name, value: example.value });
      }
      const body = bodyRules(op, doc);
      const templated = path.includes('{');
      operations.push({
        id: op.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pattern: templated
          ? new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
          : undefined,
        statuses,
        examples,
        refusals: refusalsOf(body),
        body,
      });
    }
  }
  const items = operations.flatMap((op): CoverageItem[] => [
    ...op.statuses.map((status) => ({ operation: op.id, kind: 'status' as const, name: String(status) })),
    ...op.examples.map(({ status, name }) => ({ operation: op.id, kind: 'example' as const, name, status })),
    ...scenarioNames.map((name) => ({ operation: op.id, kind: 'scenario' as const, name })),
    ...op.refusals.map((name) => ({ operation: op.id, kind: 'refusal' as const, name })),
  ]);
  return { title: doc.info?.title ?? 'API', version: doc.info?.version ?? '', operations, items };
}

let kitModel: CoverageModel | undefined;
/** The kit's own spec's model, read once. */
export function kitCoverageModel(): CoverageModel {
  kitModel ??= buildCoverageModel();
  return kitModel;
}

const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;

function typeMatches(wanted: string, value: unknown): boolean {
  const actual = jsonTypeOf(value);
  if (wanted === 'integer') return Number.isInteger(value);
  return actual === wanted;
}

/**
 * Which kind of bad request this is for the operation, or undefined for a well-formed one. The
 * order is the mocks' order of checks: body present, media type, JSON, object, fields.
 */
export function refusalKind(body: BodyRules | undefined, contentType: string | undefined, text: string) {
  if (!body) return undefined;
  if (text.trim() === '') return body.required ? 'empty-body' : undefined;
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  if (essence === undefined || !body.mediaTypes.includes(essence)) return 'wrong-content-type';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed-json';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not-an-object';
  const fields = value as Record<string, unknown>;
  for (const field of body.requiredFields) if (fields[field] === undefined) return `missing-${field}`;
  for (const [field, type] of Object.entries(body.fieldTypes)) {
    if (fields[field] !== undefined && !typeMatches(type, fields[field])) return `wrong-type-${field}`;
  }
  return undefined;
}

/** Where an item is counted in a coverage file: `counts[operation][kind][name]`. */
export type Counts = Record<string, Partial<Record<ItemKind, Record<string, number>>>>;

/** The coverage file: what one source (or a merge) exercised, every item of the spec listed. */
export interface CoverageFile {
  $schemaVersion: typeof coverageVersion;
  tool: 'login-api-coverage';
  /** mock, msw, contract, proxy, har, or merged. */
  source: string;
  spec: { title: string; version: string };
  recordedAt: string;
  /** Requests seen, and how many of them matched no operation of the spec. */
  requests: number;
  outsideContract: number;
  /** Every item of the spec with its count (0: never exercised). */
  counts: Counts;
  /** Answers with a status the spec does not document, per operation. */
  undocumentedStatuses: Record<string, Record<string, number>>;
}

export const itemKey = (item: Pick<CoverageItem, 'operation' | 'kind' | 'name'>) =>
  `${item.operation}\u0000${item.kind}\u0000${item.name}`;

export function countOf(counts: Counts, item: Pick<CoverageItem, 'operation' | 'kind' | 'name'>): number {
  return counts[item.operation]?.[item.kind]?.[item.name] ?? 0;
}

/** Counts with every item of the model present (0 for the ones never seen). */
export function fullCounts(model: CoverageModel, count: (item: CoverageItem) => number): Counts {
  const counts: Counts = {};
  for (const item of model.items) {
    const op = counts[item.operation] ?? {};
    counts[item.operation] = op;
    const kind = op[item.kind] ?? {};
    op[item.kind] = kind;
    kind[item.name] = count(item);
  }
  return counts;
}

export type ReadResult = { ok: true; file: CoverageFile } | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Checks a parsed coverage file's shape (three fixed levels deep: no walk over arbitrary nesting). */
export function readCoverage(value: unknown): ReadResult {
  if (!isRecord(value)) return { ok: false, message: 'not a JSON object' };
  if (value.tool !== 'login-api-coverage')
    return { ok: false, message: 'not a coverage file (no "tool": "login-api-coverage")' };
  if (value.$schemaVersion !== coverageVersion) {
    return {
      ok: false,
      message: `coverage file version ${JSON.stringify(value.$schemaVersion)}; this kit reads version ${coverageVersion}`,
    };
  }
  if (!isCount(value.requests) || !isCount(value.outsideContract))
    return { ok: false, message: '"requests" and "outsideContract" must be whole numbers' };
  if (!isRecord(value.counts)) return { ok: false, message: '"counts" must be an object' };
  for (const [op, kinds] of Object.entries(value.counts)) {
    if (!isRecord(kinds)) return { ok: false, message: `counts.${op} must be an object` };
    for (const [kind, names] of Object.entries(kinds)) {
      if (!(itemKinds as readonly string[]).includes(kind) || !isRecord(names))
        return { ok: false, message: `counts.${op}.${kind}: not one of ${itemKinds.join(', ')} with counts` };
      for (const [name, n] of Object.entries(names))
        if (!isCount(n)) return { ok: false, message: `counts.${op}.${kind}.${name} must be a whole number` };
    }
  }
  const undocumented = value.undocumentedStatuses ?? {};
  if (!isRecord(undocumented)) return { ok: false, message: '"undocumentedStatuses" must be an object' };
  for (const [op, statuses] of Object.entries(undocumented)) {
    if (!isRecord(statuses) || !Object.values(statuses).every(isCount))
      return { ok: false, message: `undocumentedStatuses.${op} must map statuses to whole numbers` };
  }
  const spec = isRecord(value.spec) ? value.spec : {};
  return {
    ok: true,
    file: {
      $schemaVersion: coverageVersion,
      tool: 'login-api-coverage',
      source: typeof value.source === 'string' ? value.source : 'unknown',
      spec: { title: String(spec.title ?? ''), version: String(spec.version ?? '') },
      recordedAt: typeof value.recordedAt === 'string' ? value.recordedAt : '',
      requests: value.requests,
      outsideContract: value.outsideContract,
      counts: value.counts as Counts,
      undocumentedStatuses: undocumented as Record<string, Record<string, number>>,
    },
  };
}

export interface Merged {
  file: CoverageFile;
  /** Items some file counted that the spec does not define (recorded against another version of it). */
  unknown: string[];
}

/** Sums any number of coverage files over the model's items; what the spec lacks is named, not counted. */
export function mergeCoverage(model: CoverageModel, files: readonly CoverageFile[], now = new Date()): Merged {
  const known = new Set(model.items.map(itemKey));
  const sums = new Map<string, number>();
  const unknown = new Set<string>();
  const undocumentedStatuses: Record<string, Record<string, number>> = {};
  for (const file of files) {
    for (const [operation, kinds] of Object.entries(file.counts)) {
      for (const [kind, names] of Object.entries(kinds) as [ItemKind, Record<string, number>][]) {
        for (const [name, n] of Object.entries(names)) {
          const key = itemKey({ operation, kind, name });
          if (!known.has(key)) {
            if (n > 0) unknown.add(`${operation} ${kind} ${name}`);
            continue;
          }
          sums.set(key, (sums.get(key) ?? 0) + n);
        }
      }
    }
    for (const [operation, statuses] of Object.entries(file.undocumentedStatuses)) {
      const into = undocumentedStatuses[operation] ?? {};
      undocumentedStatuses[operation] = into;
      for (const [status, n] of Object.entries(statuses)) into[status] = (into[status] ?? 0) + n;
    }
  }
  return {
    file: {
      $schemaVersion: coverageVersion,
      tool: 'login-api-coverage',
      source: files.length === 1 ? (files[0]?.source ?? 'merged') : 'merged',
      spec: { title: model.title, version: model.version },
      recordedAt: now.toISOString(),
      requests: files.reduce((sum, f) => sum + f.requests, 0),
      outsideContract: files.reduce((sum, f) => sum + f.outsideContract, 0),
      counts: fullCounts(model, (item) => sums.get(itemKey(item)) ?? 0),
      undocumentedStatuses,
    },
    unknown: [...unknown].sort(),
  };
}

export interface CoverageSummary {
  covered: number;
  total: number;
  /** 0–100, one decimal. */
  percent: number;
  /** Per operation: items covered of its total, and whether anything reached it at all. */
  operations: { id: string; method: string; path: string; covered: number; total: number }[];
  /** Items never exercised, in the spec's order. */
  never: CoverageItem[];
}

export function summarizeCoverage(model: CoverageModel, counts: Counts): CoverageSummary {
  const never = model.items.filter((item) => countOf(counts, item) === 0);
  const total = model.items.length;
  const covered = total - never.length;
  return {
    covered,
    total,
    percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10,
    operations: model.operations.map((op) => {
      const mine = model.items.filter((item) => item.operation === op.id);
      return {
        id: op.id,
        method: op.method,
        path: op.path,
        covered: mine.filter((item) => countOf(counts, item) > 0).length,
        total: mine.length,
      };
    }),
    never,
  };
}

/** A `--require` item: `OP`, `OP:STATUS`, `[OP:]example=NAME`, `[OP:]scenario=NAME`, `[OP:]refusal=KIND`. */
export interface Requirement {
  text: string;
  /** The spec items that satisfy it (any one exercised is enough). */
  items: CoverageItem[];
}

/** Parses a `--require` value against the model, or says why it names nothing the spec defines. */
export function parseRequirement(model: CoverageModel, text: string): Requirement | string {
  const match = /^(?:([^:=\s]+)(?::|$))?(?:(\d{3})|(example|scenario|refusal)=(.+))?$/.exec(text.trim());
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined))
    return `--require "${text}": expected OP, OP:STATUS or [OP:]example=NAME (also scenario=, refusal=)`;
  const [, op, status, kind, name] = match;
  if (op !== undefined && !model.operations.some((o) => o.id === op)) {
    return `--require "${text}": no operation "${op}" in the spec (operations: ${model.operations.map((o) => o.id).join(', ')})`;
  }
  const items = model.items.filter(
    (item) =>
      (op === undefined || item.operation === op) &&
      (status !== undefined
        ? item.kind === 'status' && item.name === status
        : kind !== undefined
          ? item.kind === kind && item.name === name
          : true),
  );
  if (items.length === 0) {
    const what = status !== undefined ? `status ${status}` : `${kind} "${name}"`;
    return `--require "${text}": the spec defines no ${what}${op ? ` for ${op}` : ''}`;
  }
  return { text, items };
}

/** Whether a requirement was met: for a whole operation, any of its items; otherwise any listed item. */
export function requirementMet(requirement: Requirement, counts: Counts): boolean {
  return requirement.items.some((item) => countOf(counts, item) > 0);
}

/** `refreshToken (POST /v1/api/auth/refresh)` */
export function describeOperation(op: Pick<ModelOperation, 'id' | 'method' | 'path'>): string {
  return `${op.id} (${op.method} ${op.path})`;
}
