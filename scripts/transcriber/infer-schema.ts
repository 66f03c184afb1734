/**
 * Infers a JSON Schema (2020-12, as OpenAPI 3.1 uses) from example values: types and nesting,
 * `required` = keys present. Several examples of one response merge into one schema.
 * Values come from lenient-json.ts, nested at most MAX_JSON_DEPTH deep, so the recursion is bounded;
 * an array is merged item by item and a schema keeps at most MAX_EXAMPLES examples, so time and
 * memory grow linearly with the example.
 */

/** Integers beyond 2^53 are BigInt, so their digits survive. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** Distinct example values one schema keeps (the example bodies themselves keep everything). */
const MAX_EXAMPLES = 5;

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  examples?: unknown[];
  [keyword: string]: unknown;
}

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'bigint') return 'integer';
  return typeof value;
}

export function inferSchema(value: JsonValue): Schema {
  const type = typeOf(value);
  if (type === 'array') {
    let items: Schema | undefined;
    for (const item of value as JsonValue[]) {
      const schema = inferSchema(item);
      items = items === undefined ? schema : mergeSchemas(items, schema);
    }
    return { type, items: items ?? {} };
  }
  if (type === 'object') {
    const entries = Object.entries(value as Record<string, JsonValue>);
    const schema: Schema = { type, properties: {} };
    for (const [key, v] of entries) (schema.properties as Record<string, Schema>)[key] = inferSchema(v);
    if (entries.length) schema.required = entries.map(([key]) => key);
    return schema;
  }
  // Scalars keep their example, so generated types and docs show the documented value.
  return { type, examples: [value] };
}

/** Examples are scalars (BigInt included), so type and text tell them apart. */
function exampleKey(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : `${typeof value}:${String(value)}`;
}

function typesOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : ([] as string[]).concat(schema.type);
}

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The least schema that accepts what either accepts (integer widens to number). */
export function mergeSchemas(a: Schema, b: Schema): Schema {
  const types = [...new Set([...typesOf(a), ...typesOf(b)])];
  if (types.includes('number') && types.includes('integer')) types.splice(types.indexOf('integer'), 1);
  if (types.length === 0 || (typesOf(a).length === 0 && typesOf(b).length === 0)) return {};
  const merged: Schema = { type: types.length === 1 ? types[0] : types };
  const unique: unknown[] = [];
  const seen = new Set<string>();
  for (const example of [...(asArray(a.examples) ?? []), ...(asArray(b.examples) ?? [])]) {
    if (unique.length >= MAX_EXAMPLES) break;
    const key = exampleKey(example);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(example);
  }
  if (unique.length) merged.examples = unique;
  if (types.includes('object')) {
    const props: Record<string, Schema> = {};
    for (const [key, s] of Object.entries({ ...a.properties })) props[key] = s;
    for (const [key, s] of Object.entries({ ...b.properties })) {
      const existing = props[key];
      props[key] = existing ? mergeSchemas(existing, s) : s;
    }
    merged.properties = props;
    const required = (a.required ?? []).filter((k) => (b.required ?? []).includes(k));
    const bothObjects = typesOf(a).includes('object') && typesOf(b).includes('object');
    const source = bothObjects ? required : (a.required ?? b.required ?? []);
    if (source.length) merged.required = source;
  }
  if (types.includes('array')) {
    const items = [a.items, b.items].filter((s): s is Schema => s !== undefined);
    merged.items = items.length === 2 ? mergeSchemas(items[0] as Schema, items[1] as Schema) : (items[0] ?? {});
  }
  return merged;
}
