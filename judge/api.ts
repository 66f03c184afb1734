// What the kit needs to know about the API, read from the merged OpenAPI document so that a change
// in the docs (and `npm run spec`) changes the checks too. Nothing here re-types a path or payload.
import { childPointer } from '../common/json-pointer.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';

export type JsonSchema = Record<string, unknown>;

interface MediaObject {
  schema?: JsonSchema;
  examples?: Record<string, { value?: unknown }>;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
  'x-assumed'?: boolean;
}
interface OperationObject {
  operationId?: string;
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One documented operation, reduced to what a contract check uses. */
export interface Operation {
  id: string;
  method: string;
  path: string;
  /** Request media type, e.g. `application/json`. */
  requestMediaType: string;
  /** Properties of the request body schema, in document order. */
  requestProperties: string[];
  requiredRequestProperties: string[];
  /** The documented success status, e.g. 200. */
  successStatus: number;
  successMediaType: string;
  successSchema: JsonSchema;
  /** The documented success example (the docs' own payload). */
  successExample: unknown;
  /**
   * Where the documented success example carries a `code` and its value (`/code` → 0 for login,
   * `/result/code` → 0 for refresh): the docs' way of saying "this worked".
   */
  successCodes: { pointer: string; value: unknown }[];
}

function findOperation(doc: OpenApiDocument, operationId: string): Operation {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (op.operationId !== operationId) continue;
      const requestEntry = Object.entries(op.requestBody?.content ?? {})[0];
      if (!requestEntry) throw new Error(`operation ${operationId} documents no request body`);
      const [requestMediaType, requestMedia] = requestEntry;
      const requestSchema = requestMedia.schema ?? {};
      const successEntry = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
      if (!successEntry) throw new Error(`operation ${operationId} documents no 2xx response`);
      const [status, response] = successEntry;
      const mediaEntry = Object.entries(response.content ?? {})[0];
      const successSchema = mediaEntry?.[1].schema;
      if (!mediaEntry || !successSchema) throw new Error(`operation ${operationId} documents no success schema`);
      const [successMediaType, media] = mediaEntry;
      const examples = media.examples ?? {};
      const successExample = (examples.documented ?? Object.values(examples)[0])?.value;
      return {
        id: operationId,
        method: method.toUpperCase(),
        path,
        requestMediaType,
        requestProperties: Object.keys((requestSchema.properties as Record<string, unknown> | undefined) ?? {}),
        requiredRequestProperties: (requestSchema.required as string[] | undefined) ?? [],
        successStatus: Number(status),
        successMediaType,
        successSchema,
        successExample,
        successCodes: codesIn(successExample, ''),
      };
    }
  }
  throw new Error(`the OpenAPI document has no operation ${operationId}`);
}

function codesIn(value: unknown, pointer: string): { pointer: string; value: unknown }[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = childPointer(pointer, key);
    return key === 'code' && typeof child !== 'object' ? [{ pointer: here, value: child }] : codesIn(child, here);
  });
}

/** A token in the documented login answer and the field that says how long it lives. */
export interface TokenField {
  /** e.g. `access_token` */
  name: string;
  /** JSON pointer of the token, e.g. `/result/access_token` */
  pointer: string;
  /** JSON pointer of its lifetime in seconds, e.g. `/result/access_token_expires_in` */
  expiresInPointer: string;
}

export interface Api {
  document: OpenApiDocument;
  login: Operation;
  refresh: Operation;
  /** Names of the login body fields (user id, password) and of refresh's token field. */
  fields: { user: string; password: string; refreshToken: string };
  /** Tokens in the documented login answer (access, refresh), found by their `*_token` names. */
  tokens: { access: TokenField; refresh: TokenField };
  /** JSON pointer of `token_type` in the login answer. */
  tokenTypePointer: string;
}

/** Every JSON pointer of a scalar in an example, with its key. */
function leaves(value: unknown, pointer = ''): { key: string; pointer: string }[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = childPointer(pointer, key);
    return child !== null && typeof child === 'object' ? leaves(child, here) : [{ key, pointer: here }];
  });
}

export function loadApi(doc: OpenApiDocument = openapiDocument as unknown as OpenApiDocument): Api {
  const login = findOperation(doc, 'login');
  const refresh = findOperation(doc, 'refreshToken');
  const password = login.requestProperties.find((name) => /pass/i.test(name));
  const user = login.requestProperties.find((name) => name !== password);
  const refreshToken = refresh.requestProperties[0];
  if (!user || !password || !refreshToken) throw new Error('the OpenAPI document lacks the request fields');

  const fieldsOfLogin = leaves(login.successExample);
  const tokenField = (kind: string): TokenField => {
    const token = fieldsOfLogin.find((f) => f.key === `${kind}_token`);
    const expires = fieldsOfLogin.find((f) => f.key === `${kind}_token_expires_in`);
    if (!token || !expires) throw new Error(`the documented login answer has no ${kind}_token with a lifetime`);
    return { name: token.key, pointer: token.pointer, expiresInPointer: expires.pointer };
  };
  const tokenType = fieldsOfLogin.find((f) => f.key === 'token_type');
  if (!tokenType) throw new Error('the documented login answer has no token_type');
  return {
    document: doc,
    login,
    refresh,
    fields: { user, password, refreshToken },
    tokens: { access: tokenField('access'), refresh: tokenField('refresh') },
    tokenTypePointer: tokenType.pointer,
  };
}
