/** Shared by the spec:diff tests: a small spec that exercises every kind of object, and pointer helpers. */
import { resolveLocalRef, unescapeSegment } from '../../common/json-pointer.ts';
import { isObject } from './schema-facts.ts';
import type { Json } from './types.ts';

/** A small API with a path parameter, query parameter, request body, headers, examples and components. */
export function smallSpec(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'Items', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getItem',
          summary: 'Read an item',
          parameters: [{ name: 'verbose', in: 'query', schema: { type: 'boolean' } }],
          responses: {
            '200': {
              description: 'The item',
              headers: {
                'X-Rate-Limit': { required: true, schema: { type: 'integer' } },
                'X-Trace': { schema: { type: 'string' } },
              },
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Item' },
                  examples: { basic: { value: { id: 'a1', status: 'active' } } },
                },
              },
            },
            '404': {
              description: 'No such item',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
        put: {
          operationId: 'putItem',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemInput' } } },
          },
          responses: { '204': { description: 'Stored' } },
        },
      },
      '/health': { get: { responses: { '200': { description: 'Up' } } } },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
      },
      schemas: {
        Item: {
          type: 'object',
          required: ['id', 'status'],
          properties: {
            id: { type: 'string', description: 'Item id' },
            status: { type: 'string', enum: ['active', 'archived'] },
            count: { type: 'integer', maximum: 100 },
            note: { type: 'string' },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
        ItemInput: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 50 },
            kind: { type: 'string', enum: ['a', 'b'] },
            size: { type: 'integer', default: 1 },
            comment: { type: ['string', 'null'] },
            colour: { type: 'string' },
          },
        },
        Error: { type: 'object', properties: { code: { type: 'integer' } } },
      },
    },
  };
}

/**
 * Follows a spec:diff pointer through the document, following `$ref`s on the way as spec:diff does.
 * Returns undefined when the pointer leads nowhere.
 */
export function resolveThroughRefs(document: Json, pointer: string): unknown {
  let node: unknown = document;
  const follow = (value: unknown): unknown => {
    let current = value;
    for (let i = 0; i < 32 && isObject(current) && typeof current.$ref === 'string'; i++) {
      current = resolveLocalRef(document, current.$ref);
    }
    return current;
  };
  for (const raw of pointer.split('/').slice(1)) {
    node = follow(node);
    const key = unescapeSegment(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** A property access path into a document, for terse test edits: at(doc, 'paths', '/x', 'get'). */
export function at(document: Json, ...keys: string[]): Json {
  let node: unknown = document;
  for (const key of keys) {
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`no ${keys.join(' > ')}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (!isObject(node)) throw new Error(`${keys.join(' > ')} is not an object`);
  return node;
}
