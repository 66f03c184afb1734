// Which response of the spec the mock's answer came from: its operation, its status key, its
// example, and whether the docs fix it (documented) or the overlay assumed it (`x-assumed`). The
// drift suggestions may change only what was assumed.
import { isDeepStrictEqual } from 'node:util';
import { getPointer } from '../../common/json-pointer.ts';
import type { OpenApiDocument } from '../api.ts';

export interface SpecResponse {
  operationId: string;
  method: string;
  /** Path template as in the spec. */
  path: string;
  /** The response's key in the spec, e.g. `401`. */
  statusKey: string;
  /** The status the mock sends it with (`x-mock-status`, else the key). */
  sentStatus: number;
  /** The overlay's assumption (`x-assumed`), which a suggestion may change; else documented. */
  assumed: boolean;
  mediaType: string | undefined;
  /** The example the answer matches (or the response's first), by name. */
  example: string | undefined;
  /** Every example of the response, by name. */
  examples: Record<string, unknown>;
  /** The `$ref` or inline schema of the response's first media type. */
  schema: unknown;
  /** Headers the mock leaves out of it (`x-mock-omit-headers`). */
  omitHeaders: string[];
}

interface ResponseObject {
  'x-assumed'?: unknown;
  'x-mock-status'?: unknown;
  'x-mock-omit-headers'?: unknown;
  content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }> }>;
}

const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function examplesOf(response: ResponseObject): {
  mediaType: string | undefined;
  schema: unknown;
  examples: Record<string, unknown>;
} {
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
  const examples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(media?.examples ?? {})) examples[name] = example.value;
  return { mediaType, schema: media?.schema, examples };
}

function codesMatch(example: unknown, body: unknown): boolean {
  for (const pointer of ['/code', '/result/code']) {
    const want = getPointer(example, pointer);
    if (want !== undefined && getPointer(body, pointer) !== want) return false;
  }
  return true;
}

/**
 * The spec response behind a mock answer to METHOD PATH with STATUS and (parsed) BODY; undefined
 * when the path is no operation, or the mock answered on its own (404, 405, 413 …).
 */
export function specResponseOf(
  doc: OpenApiDocument,
  method: string,
  path: string,
  status: number,
  body: unknown,
): SpecResponse | undefined {
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    if (template !== path) continue;
    for (const [name, raw] of Object.entries(item)) {
      if (!methods.has(name) || name.toUpperCase() !== method.toUpperCase()) continue;
      const op = raw as { operationId?: string; responses?: Record<string, ResponseObject> };
      const candidates = Object.entries(op.responses ?? {})
        .map(([key, response]) => ({ key, response, ...examplesOf(response) }))
        .filter(({ key, response }) => (response['x-mock-status'] ?? Number(key)) === status);
      const exact = candidates.find((c) => Object.values(c.examples).some((value) => isDeepStrictEqual(value, body)));
      const byCode = candidates.find((c) => Object.values(c.examples).some((value) => codesMatch(value, body)));
      const chosen = exact ?? byCode ?? candidates[0];
      if (!chosen) return undefined;
      const named = Object.entries(chosen.examples);
      const example =
        named.find(([, value]) => isDeepStrictEqual(value, body))?.[0] ??
        named.find(([, value]) => codesMatch(value, body))?.[0] ??
        named[0]?.[0];
      return {
        operationId: op.operationId ?? `${name} ${template}`,
        method: name.toUpperCase(),
        path: template,
        statusKey: chosen.key,
        sentStatus: status,
        assumed: chosen.response['x-assumed'] === true,
        mediaType: chosen.mediaType,
        example,
        examples: chosen.examples,
        schema: chosen.schema,
        omitHeaders: Array.isArray(chosen.response['x-mock-omit-headers'])
          ? chosen.response['x-mock-omit-headers'].filter((h): h is string => typeof h === 'string')
          : [],
      };
    }
  }
  return undefined;
}
