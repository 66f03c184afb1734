/**
 * The spec's request body schemas as ajv compiles them, shared by the runtime (validate-request.ts)
 * and the generator of precompiled validators (mocks/generate-validators.ts), so both see exactly
 * the same input and the runtime can tell whether the precompiled code is current.
 */
import { standaloneSchema } from '../../common/standalone-schema.ts';
import { document, operations } from './operations.ts';

/**
 * ajv options. allErrors off: the first error is the one we report, and validation stops early.
 * No meta-schema check: the spec's schemas are linted and tested elsewhere, and checking them
 * against the 2020-12 meta-schema here would cost ~100 ms of start-up.
 */
export const AJV_OPTIONS = { strict: false, allErrors: false, validateSchema: false, meta: false } as const;

export interface RequestSchema {
  operationId: string;
  /** The JSON body's schema, standalone: component schemas carried along as `$defs`. */
  schema: object;
}

export function requestSchemas(): RequestSchema[] {
  return operations.flatMap((op) => {
    const schema = op.requestBody?.schema;
    if (schema === undefined) return [];
    return [{ operationId: op.id, schema: standaloneSchema(schema, document.components?.schemas) }];
  });
}

/** Everything the validators are built from, as one string: equal strings, equal validators. */
export function schemasFingerprint(): string {
  return JSON.stringify(requestSchemas());
}
