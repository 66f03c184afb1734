// JSON Schema validators for the documented answers, compiled once from the merged OpenAPI
// document with ajv's 2020-12 dialect (OpenAPI 3.1 schemas are 2020-12), formats and strict mode.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { standaloneSchema as standaloneFromSpec } from '../common/standalone-schema.ts';
import type { Api, JsonSchema, OpenApiDocument } from './api.ts';

// ajv-formats is CommonJS; its plugin is the module's `default` export at runtime and in its types.
const addFormats = formatsModule.default;

/** OpenAPI's own schema keywords that JSON Schema does not define (strict mode rejects unknown ones). */
const openApiKeywords = ['example', 'discriminator', 'xml', 'externalDocs', 'nullable'];

/** One schema violation, in the terms a person needs to find it. */
export interface SchemaIssue {
  /** JSON pointer of the offending field in the answer, e.g. `/result/access_token`; `` is the root. */
  pointer: string;
  /** The schema keyword that failed, e.g. `required`, `type`. */
  keyword: string;
  /** Where the rule sits in the schema, e.g. `#/properties/result/required`. */
  schemaPath: string;
  /** Plain words, e.g. `is missing` or `must be integer`. */
  message: string;
}

export type Validate = (value: unknown) => SchemaIssue[];

export interface Validators {
  loginSuccess: Validate;
  refreshSuccess: Validate;
}

/** Every `x-…` key used anywhere in the document, so strict mode accepts vendor extensions. */
function extensionKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) extensionKeys(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeys(child, found);
    }
  }
  return found;
}

/** A response schema as a standalone 2020-12 schema, the document's component schemas carried along. */
export function standaloneSchema(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  return standaloneFromSpec(schema, doc.components?.schemas);
}

function describe(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return {
      pointer: `${error.instancePath}/${String(params.missingProperty)}`,
      keyword: 'required',
      schemaPath: error.schemaPath,
      message: 'is missing (the field is required)',
    };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
      keyword: 'additionalProperties',
      schemaPath: error.schemaPath,
      message: 'is not allowed here',
    };
  }
  return {
    pointer: error.instancePath,
    keyword: error.keyword,
    schemaPath: error.schemaPath,
    message: error.message ?? `breaks the rule "${error.keyword}"`,
  };
}

/** Compiled validators by document, then login and refresh schema: compiling costs ~50 ms a run. */
const compiled = new WeakMap<object, WeakMap<JsonSchema, WeakMap<JsonSchema, Validators>>>();

/** The validators for the API's documented answers, compiled on first use for these schemas. */
export function createValidators(api: Api): Validators {
  const bySchema = compiled.get(api.document) ?? new WeakMap<JsonSchema, WeakMap<JsonSchema, Validators>>();
  compiled.set(api.document, bySchema);
  const byRefresh = bySchema.get(api.login.successSchema) ?? new WeakMap<JsonSchema, Validators>();
  bySchema.set(api.login.successSchema, byRefresh);
  const known = byRefresh.get(api.refresh.successSchema);
  if (known) return known;
  const validators = compileValidators(api);
  byRefresh.set(api.refresh.successSchema, validators);
  return validators;
}

function compileValidators(api: Api): Validators {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const keyword of [...openApiKeywords, ...extensionKeys(api.document)]) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  const compile = (schema: JsonSchema): Validate => {
    const validate = ajv.compile(standaloneSchema(schema, api.document));
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describe));
  };
  return {
    loginSuccess: compile(api.login.successSchema),
    refreshSuccess: compile(api.refresh.successSchema),
  };
}
