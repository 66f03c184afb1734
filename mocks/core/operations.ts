/**
 * The API's operations as the mocks need them, read once from the merged OpenAPI document:
 * routes, request body rules, and every response's status, media type and named examples
 * (serialized once here so answering a request costs no JSON.stringify).
 */
import { openapiDocument } from '../../spec/generated/openapi.ts';

export interface NamedExample {
  name: string;
  value: unknown;
  /** `value` as the body text, computed once: JSON, or a string of a text media type as it is. */
  json: string;
}

export interface ResponseSpec {
  status: number;
  /**
   * The HTTP status the mock sends for this response: `status`, unless the response says
   * `x-mock-status` (a server that refuses with HTTP 200 and a non-zero `code` keeps its refusals
   * under their 4xx keys in the spec, and the mock answers them with 200 as the server does).
   */
  sentStatus: number;
  /** The first media type the spec lists for this response, e.g. `application/json`. */
  mediaType: string | undefined;
  examples: NamedExample[];
  /** Headers the spec gives an example for, e.g. `{ 'retry-after': '30' }` (lower-case names). */
  headers: Readonly<Record<string, string>>;
  /** Headers the mock leaves out of this answer (`x-mock-omit-headers`, lower case), e.g. its own `cache-control`. */
  omitHeaders: readonly string[];
}

export interface RequestBodySpec {
  required: boolean;
  /** Accepted media types, lower case, e.g. `['application/json']`. */
  mediaTypes: string[];
  /** JSON Schema of the JSON body, if the spec gives one. */
  schema: unknown;
}

export interface Operation {
  id: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** Path template as in the spec, e.g. `/v1/api/auth/login`. */
  path: string;
  requestBody: RequestBodySpec | undefined;
  /** In the spec's order. */
  responses: ResponseSpec[];
}

/** The loose shape of the parts of an OpenAPI 3.1 document read here. */
interface OpenApiLike {
  paths?: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, object>; headers?: Record<string, HeaderObject> };
}
interface HeaderObject {
  $ref?: string;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown; default?: unknown };
}
interface OperationObject {
  operationId?: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<
    string,
    {
      content?: Record<string, { examples?: Record<string, { value?: unknown }> }>;
      headers?: Record<string, HeaderObject>;
      'x-mock-status'?: unknown;
      'x-mock-omit-headers'?: unknown;
    }
  >;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export const document = openapiDocument as unknown as OpenApiLike;

/** A response header's example value (`example`, first of `examples`, schema example or default), as text. */
function headerExample(doc: OpenApiLike, header: HeaderObject): string | undefined {
  const ref = header.$ref?.match(/^#\/components\/headers\/(.+)$/)?.[1];
  const resolved = ref === undefined ? header : doc.components?.headers?.[ref];
  if (!resolved) return undefined;
  const value =
    resolved.example ??
    Object.values(resolved.examples ?? {})[0]?.value ??
    resolved.schema?.example ??
    resolved.schema?.default;
  return value === undefined || value === null ? undefined : String(value);
}

/** A JSON media type: `application/json` or one with a `+json` suffix. */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  return mediaType === undefined || /^application\/([\w.-]+\+)?json$/i.test(mediaType);
}

/** An example as the body text the mock sends: a string of a text media type as it is, anything else as JSON. */
export function bodyText(mediaType: string | undefined, value: unknown): string {
  return typeof value === 'string' && !isJsonMediaType(mediaType) ? value : JSON.stringify(value);
}

/** Reads the operations of an OpenAPI document (exported for tests; the mocks use `operations`). */
export function readOperations(doc: OpenApiLike): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const op = raw as OperationObject;
      const responses: ResponseSpec[] = [];
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        const status = Number(code);
        // `default` and ranges such as `4XX` name no concrete status a mock could answer with.
        if (!Number.isInteger(status)) continue;
        const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
        const examples = Object.entries(media?.examples ?? {}).map(([name, example]) => ({
          name,
          value: example.value,
          json: bodyText(mediaType, example.value),
        }));
        const headers: Record<string, string> = {};
        for (const [name, header] of Object.entries(response.headers ?? {})) {
          const value = headerExample(doc, header);
          if (value !== undefined) headers[name.toLowerCase()] = value;
        }
        const sent = response['x-mock-status'];
        if (sent !== undefined && !(Number.isInteger(sent) && (sent as number) >= 100 && (sent as number) <= 599)) {
          throw new Error(
            `${method.toUpperCase()} ${path} response ${code}: x-mock-status must be an HTTP status, got ${JSON.stringify(sent)}`,
          );
        }
        const sentStatus = (sent as number | undefined) ?? status;
        const omit = response['x-mock-omit-headers'] ?? [];
        if (
          !Array.isArray(omit) ||
          !omit.every((name) => typeof name === 'string' && /^[!#$%&'*+.^_`|~\w-]+$/.test(name))
        ) {
          throw new Error(
            `${method.toUpperCase()} ${path} response ${code}: x-mock-omit-headers must be a list of header names, got ${JSON.stringify(omit)}`,
          );
        }
        const omitHeaders = Object.freeze(omit.map((name: string) => name.toLowerCase()));
        responses.push({ status, sentStatus, mediaType, examples, headers: Object.freeze(headers), omitHeaders });
      }
      const content = op.requestBody?.content;
      const requestBody: RequestBodySpec | undefined = content
        ? {
            required: op.requestBody?.required === true,
            mediaTypes: Object.keys(content).map((type) => type.toLowerCase()),
            schema: content['application/json']?.schema,
          }
        : undefined;
      out.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        requestBody,
        responses,
      });
    }
  }
  return out;
}

export const operations: readonly Operation[] = readOperations(document);

export function findOperation(id: string): Operation | undefined {
  return operations.find((op) => op.id === id);
}

export function findResponse(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses.find((response) => response.status === status);
}

/** The response a mock gives by default: the first 2xx response that has an example. */
export function defaultResponse(op: Operation): ResponseSpec | undefined {
  return op.responses.find((r) => r.status >= 200 && r.status < 300 && r.examples.length > 0);
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface Route {
  path: string;
  pattern: RegExp | undefined;
  byMethod: Map<string, Operation>;
}

function buildRoutes(ops: readonly Operation[]): Route[] {
  const routes = new Map<string, Route>();
  for (const op of ops) {
    let route = routes.get(op.path);
    if (!route) {
      const templated = op.path.includes('{');
      const pattern = templated
        ? new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
        : undefined;
      route = { path: op.path, pattern, byMethod: new Map() };
      routes.set(op.path, route);
    }
    route.byMethod.set(op.method, op);
  }
  return [...routes.values()];
}

const routes = buildRoutes(operations);
const exactRoutes = new Map(routes.filter((r) => !r.pattern).map((r) => [r.path, r]));

/** Finds the operation for a method and path (path without query string). */
export function matchRoute(method: string, path: string): RouteMatch {
  const route = exactRoutes.get(path) ?? routes.find((r) => r.pattern?.test(path));
  if (!route) return { kind: 'not-found' };
  const operation = route.byMethod.get(method.toUpperCase());
  if (operation) return { kind: 'operation', operation };
  return { kind: 'method-not-allowed', allowed: [...route.byMethod.keys()] };
}

/** The methods a path allows, or undefined for an unknown path. */
export function allowedMethods(path: string): string[] | undefined {
  const match = matchRoute('\u0000', path);
  return match.kind === 'method-not-allowed' ? match.allowed : undefined;
}

/** The longest common prefix of all spec paths, cut after its last `/`, e.g. `/v1/api/auth/`. */
export function commonPathPrefix(ops: readonly Operation[] = operations): string {
  const paths = ops.map((op) => op.path);
  let prefix = paths[0] ?? '/';
  for (const path of paths) while (!path.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('/') + 1) || '/';
}
