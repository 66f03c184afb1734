/**
 * GitBook parameter `type="..."` → JSON Schema. Docs use whatever their authors' language calls a
 * type (`long`, `Guid`, `UUIDV4`, `bool`, `array of string`), so aliases map onto JSON Schema types
 * and formats; anything unknown falls back to string, with a warning.
 * https://spec.openapis.org/oas/v3.1.0#data-types
 */
import type { Schema } from './infer-schema.ts';

const TYPES: Record<string, Schema> = {
  string: { type: 'string' },
  str: { type: 'string' },
  text: { type: 'string' },
  char: { type: 'string' },
  integer: { type: 'integer' },
  int: { type: 'integer' },
  int32: { type: 'integer', format: 'int32' },
  long: { type: 'integer', format: 'int64' },
  int64: { type: 'integer', format: 'int64' },
  number: { type: 'number' },
  numeric: { type: 'number' },
  decimal: { type: 'number' },
  float: { type: 'number', format: 'float' },
  double: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
  bool: { type: 'boolean' },
  object: { type: 'object' },
  json: { type: 'object' },
  array: { type: 'array' },
  list: { type: 'array' },
  file: { type: 'string', contentMediaType: 'application/octet-stream' },
  binary: { type: 'string', contentMediaType: 'application/octet-stream' },
  guid: { type: 'string', format: 'uuid' },
  uuid: { type: 'string', format: 'uuid' },
  uuidv4: { type: 'string', format: 'uuid' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  'date-time': { type: 'string', format: 'date-time' },
  timestamp: { type: 'string', format: 'date-time' },
  email: { type: 'string', format: 'email' },
  uri: { type: 'string', format: 'uri' },
  url: { type: 'string', format: 'uri' },
};

/** The documented type, or undefined when it names nothing known. */
export function schemaForType(type: string): Schema | undefined {
  const name = type.trim().toLowerCase();
  // Real type names are short; a long one is unknown (this also bounds the recursion below).
  if (name.length > 200) return undefined;
  // `int?`, `DateTime?`, `Nullable<int>`: the type, or null.
  const nullable = /^(.*?[^\s?])[\s?]*\?$/.exec(name)?.[1] ?? /^nullable\s*<\s*(.+?)\s*>$/.exec(name)?.[1];
  if (nullable !== undefined) {
    const inner = schemaForType(nullable);
    if (!inner) return undefined;
    const types = ([] as unknown[]).concat(inner.type ?? []);
    return { ...inner, type: [...types, 'null'] as string[] };
  }
  const known = TYPES[name.replace(/[\s_]/g, name === 'date time' || name === 'date_time' ? '-' : '')];
  if (known) return { ...known };
  // `array of X`, `list of X`, `X[]`, `array<X>`, `List<X>`
  const item =
    /^(?:array|list)\s+of\s+(.+?)s?$/.exec(name)?.[1] ??
    /^(.+?)\[\]$/.exec(name)?.[1] ??
    /^(?:array|list)\s*<\s*(.+?)\s*>$/.exec(name)?.[1];
  if (item !== undefined) {
    const items = schemaForType(item) ?? schemaForType(`${item}s`.replace(/ss$/, 's'));
    return items ? { type: 'array', items } : undefined;
  }
  return undefined;
}

/** Whether a form field holding this type needs multipart/form-data. */
export function needsMultipart(type: string): boolean {
  const schema = schemaForType(type);
  return schema !== undefined && (schema.type === 'object' || schema.contentMediaType !== undefined);
}
