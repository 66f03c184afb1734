/**
 * Request checks read from the spec: Content-Type against the request body's media types, JSON
 * syntax, and the body against its JSON Schema (ajv).
 * A failure is one plain sentence naming the field, e.g. "Invalid request: 'password' is required".
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { scanJson } from '../../common/bounded-json.ts';
import { unescapeSegment } from '../../common/json-pointer.ts';
import { parseMediaType } from '../../common/media-type.ts';
import * as precompiled from '../generated/request-validators.ts';
import type { Operation } from './operations.ts';
import { AJV_OPTIONS, requestSchemas, schemasFingerprint } from './request-schemas.ts';

export type Validation = { ok: true; body: unknown } | { ok: false; desc: string };

/**
 * Validators by operationId: ajv's standalone code precompiled from the spec (`npm run
 * mocks:generate`), which spares start-up the loading and running of ajv's compiler; compiled
 * here with ajv instead when the spec has changed since.
 */
async function loadValidators(): Promise<Map<string, ValidateFunction>> {
  if (precompiled.fingerprint === schemasFingerprint()) {
    return new Map(Object.entries(precompiled.validators as unknown as Record<string, ValidateFunction>));
  }
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020(AJV_OPTIONS);
  return new Map(requestSchemas().map(({ operationId, schema }) => [operationId, ajv.compile(schema)]));
}

const validators = await loadValidators();

/** Whether the precompiled validators are in use (false: the spec changed since `npm run mocks:generate`). */
export const usesPrecompiledValidators = precompiled.fingerprint === schemasFingerprint();

const ARTICLE: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function fieldName(instancePath: string): string {
  return instancePath.slice(1).split('/').map(unescapeSegment).join('.');
}

/** Turns ajv's first error into a sentence that names the field. */
export function describeError(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  const subject = field ? `'${field}'` : 'body';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return `'${field ? `${field}.${missing}` : missing}' is required`;
    }
    case 'type': {
      const types = String(params.type).split(',');
      const wanted = types.map((type) => ARTICLE[type] ?? type).join(' or ');
      return field
        ? `${subject} must be ${wanted}`
        : `body must be ${wanted === 'an object' ? 'a JSON object' : wanted}`;
    }
    case 'additionalProperties':
      return `'${field ? `${field}.` : ''}${String(params.additionalProperty)}' is not allowed`;
    case 'enum':
      return `${subject} must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `${subject} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

function isAcceptedMediaType(contentType: string | undefined, accepted: string[]): boolean {
  const essence = parseMediaType(contentType)?.essence;
  return essence !== undefined && accepted.includes(essence);
}

/** Deeper than any request body the API documents; parsing deeper input only costs memory. */
export const MAX_JSON_DEPTH = 32;

function invalid(reason: string): Validation {
  return { ok: false, desc: `Invalid request: ${reason}` };
}

/**
 * Checks a request's Content-Type and body text against the operation's request body.
 * An empty body is accepted, without looking at Content-Type, when the spec makes it optional.
 */
export function validateRequest(op: Operation, contentType: string | undefined, bodyText: string): Validation {
  const spec = op.requestBody;
  if (!spec) return { ok: true, body: undefined };
  if (bodyText.length === 0) {
    if (!spec.required) return { ok: true, body: undefined };
    return invalid(`body is required (${spec.mediaTypes.join(' or ')})`);
  }
  if (!isAcceptedMediaType(contentType, spec.mediaTypes)) {
    return invalid(`Content-Type must be ${spec.mediaTypes.join(' or ')}, got '${contentType ?? 'none'}'`);
  }
  if (!scanJson(bodyText, { maxDepth: MAX_JSON_DEPTH, maxMembers: Number.POSITIVE_INFINITY }).ok) {
    return invalid(`body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return invalid('body is not valid JSON');
  }
  const validate = validators.get(op.id);
  if (validate && !validate(body)) {
    const first = validate.errors?.[0];
    return invalid(first ? describeError(first) : 'body does not match the schema');
  }
  return { ok: true, body };
}
