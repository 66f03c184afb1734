/**
 * A schema taken out of the OpenAPI document as a standalone JSON Schema 2020-12: its
 * `#/components/schemas/X` references point into the whole document, so the component schemas
 * travel along as `$defs` and the references are aimed at them. Platform-free: the mocks (also in
 * the browser), the contract kit and the spec tests all compile schemas through it.
 */
export type JsonSchema = { [keyword: string]: unknown };

function aimAtDefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(aimAtDefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string'
        ? child.replace(/^#\/components\/schemas\//, '#/$defs/')
        : aimAtDefs(child),
    ]),
  );
}

export function standaloneSchema(schema: unknown, componentSchemas: object | undefined): JsonSchema {
  const out = aimAtDefs(schema) as JsonSchema;
  const components = componentSchemas ?? {};
  return Object.keys(components).length > 0 ? { ...out, $defs: aimAtDefs(components) } : out;
}
