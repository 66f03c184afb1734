/**
 * One method and path documented by several blocks (a token endpoint per grant type, an API that
 * dispatches on `?method=a` / `?method=b`). OpenAPI holds one operation per method and path, so the
 * blocks become one operation with alternatives: parameters united (a query parameter that tells
 * them apart lists its values as an enum), request bodies and responses as `oneOf` where their
 * schemas differ, every example kept and named after its block.
 * https://spec.openapis.org/oas/v3.1.0#paths-object
 */
import type { Schema } from './infer-schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: operation objects built by to-openapi.ts, of no fixed shape
type Operation = Record<string, any>;
type MediaObject = { schema?: Schema; examples?: Record<string, unknown> };

export interface Alternative {
  operation: Operation;
  line: number;
  /** Name for this block's examples (unique among the alternatives). */
  name: string;
  /** Query string written into the block's path. */
  query: [string, string][];
}

/** JSON text that also takes BigInt (examples keep big integers). */
export function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? 'undefined';
}

function unique<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = stableText(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `{ media: { schema, examples } }` of several blocks → one, examples named per block. */
function mergeContent(contents: { name: string; content: Record<string, MediaObject> | undefined }[]) {
  const merged: Record<string, { schemas: Schema[]; examples: Record<string, unknown> }> = {};
  for (const { name, content } of contents) {
    for (const [media, object] of Object.entries(content ?? {})) {
      const target = merged[media] ?? { schemas: [], examples: {} };
      merged[media] = target;
      if (object.schema) target.schemas.push(object.schema);
      const keys = Object.keys(object.examples ?? {});
      for (const key of keys) {
        let named = keys.length === 1 ? name : `${name}-${key}`;
        for (let n = 2; named in target.examples; n++) named = `${name}-${key}-${n}`;
        target.examples[named] = object.examples?.[key];
      }
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([media, { schemas, examples }]) => {
      const distinct = unique(schemas);
      const schema = distinct.length === 1 ? distinct[0] : { oneOf: distinct };
      return [media, { ...(schema ? { schema } : {}), ...(Object.keys(examples).length ? { examples } : {}) }];
    }),
  );
}

function mergeParameters(alternatives: Alternative[]): { parameters: Operation[]; dispatch: string | undefined } {
  const byKey = new Map<string, Operation[]>();
  for (const alternative of alternatives) {
    for (const p of (alternative.operation.parameters ?? []) as Operation[]) {
      const key = `${p.in}:${p.in === 'header' ? String(p.name).toLowerCase() : p.name}`;
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
  }
  // A query parameter written into every block's path with a different value tells the blocks apart.
  const written = alternatives.map((a) => new Map(a.query));
  const dispatcher = [...(written[0]?.keys() ?? [])].find(
    (name) =>
      written.every((q) => q.get(name) !== undefined && q.get(name) !== '') &&
      new Set(written.map((q) => q.get(name))).size === alternatives.length,
  );
  const parameters = [...byKey.values()].map((list) => {
    const first = { ...(list[0] as Operation) };
    if (first.in !== 'path') first.required = list.length === alternatives.length && list.every((p) => p.required);
    if (dispatcher !== undefined && first.in === 'query' && first.name === dispatcher) {
      first.schema = { type: 'string', enum: written.map((q) => q.get(dispatcher)) };
      first.required = true;
      delete first.example;
    }
    return first;
  });
  const dispatch =
    dispatcher === undefined ? undefined : `"${dispatcher}" (${written.map((q) => q.get(dispatcher)).join(', ')})`;
  return { parameters, dispatch };
}

function mergeResponses(alternatives: Alternative[]): Operation {
  const codes = [...new Set(alternatives.flatMap((a) => Object.keys(a.operation.responses ?? {})))];
  const order = (code: string) => (code === 'default' ? 1000 : Number(code));
  codes.sort((a, b) => order(a) - order(b));
  return Object.fromEntries(
    codes.map((code) => {
      const own = alternatives.filter((a) => a.operation.responses?.[code]);
      const descriptions = unique(own.map((a) => a.operation.responses[code].description as string));
      const content = mergeContent(own.map((a) => ({ name: a.name, content: a.operation.responses[code].content })));
      return [code, { description: descriptions.join(' / '), ...(Object.keys(content).length ? { content } : {}) }];
    }),
  );
}

export function mergeAlternatives(
  alternatives: Alternative[],
  label: string,
): { operation: Operation; warning: string } {
  const [first] = alternatives as [Alternative, ...Alternative[]];
  const { parameters, dispatch } = mergeParameters(alternatives);
  const bodies = alternatives.filter((a) => a.operation.requestBody);
  const requestBody = bodies.length
    ? {
        required: bodies.length === alternatives.length && bodies.every((a) => a.operation.requestBody.required),
        content: mergeContent(bodies.map((a) => ({ name: a.name, content: a.operation.requestBody.content }))),
      }
    : undefined;
  const security = unique(alternatives.flatMap((a) => (a.operation.security ?? []) as unknown[]));
  const description = alternatives
    .map((a) => {
      const text = (a.operation.description as string | undefined) ?? '';
      return `**${a.operation.summary}** (${a.name})${text ? `\n\n${text}` : ''}`;
    })
    .join('\n\n');
  const { operationId, summary, servers } = first.operation;
  const operation: Operation = {
    summary,
    description,
    ...(servers ? { servers } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(security.length ? { security } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: mergeResponses(alternatives),
    operationId,
  };
  const lines = alternatives.map((a) => a.line).join(', ');
  const how = dispatch ? `; the query parameter ${dispatch} tells them apart and lists those values as its enum` : '';
  return {
    operation,
    warning: `line ${first.line}: ${label} is documented ${alternatives.length} times (lines ${lines}); OpenAPI holds one operation per method and path, so they are one operation with alternatives (bodies as oneOf, examples named per block)${how}`,
  };
}
