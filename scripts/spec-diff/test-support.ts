/**
 * Shared by the spec:diff tests: a small spec that exercises every kind of object, pointer helpers,
 * and the table runner every rule module's test feeds its cases to.
 */
import { describe, expect, it } from 'vitest';
import { resolveLocalRef, unescapeSegment } from '../../common/json-pointer.ts';
import { RULES } from './catalogue.ts';
import { rulesIn } from './define-rule.ts';
import { diffSpecs } from './diff-specs.ts';
import { isObject } from './schema-facts.ts';
import type { Json, RuleContext } from './types.ts';

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

export type Edit = (doc: Json) => void;

/** Two copies of smallSpec() that differ in one way, and the change that must be reported. */
export interface RuleCase {
  rule: string;
  name?: string;
  before?: Edit;
  after?: Edit;
  pointer: string;
  /** How the run is configured (the deprecation policy), when the rule depends on it. */
  context?: RuleContext;
}

// Pointers into smallSpec(), and accessors for the parts the cases edit.
export const P = '/paths/~1items~1{id}';
export const GET = `${P}/get`;
export const PUT = `${P}/put`;
export const OK = `${GET}/responses/200`;
export const ITEM = `${OK}/content/application~1json/schema`;
export const INPUT = `${PUT}/requestBody/content/application~1json/schema`;

export const item = (d: Json) => at(d, 'paths', '/items/{id}');
export const get = (d: Json) => at(item(d), 'get');
export const put = (d: Json) => at(item(d), 'put');
export const ok = (d: Json) => at(get(d), 'responses', '200');
export const schema = (d: Json, name: string) => at(d, 'components', 'schemas', name);
export const prop = (d: Json, name: string, property: string) => at(schema(d, name), 'properties', property);
export const params = (d: Json) => get(d).parameters as Json[];
export const first = (list: Json[]): Json => list[0] as Json;
export const set = (target: Json, key: string, value: unknown) => {
  target[key] = value;
};

function run({ before, after, context }: RuleCase) {
  const [b, a] = [smallSpec(), smallSpec()];
  before?.(b);
  after?.(a);
  return { b, a, changes: diffSpecs(b, a, RULES, context) };
}

/**
 * Runs one rule module's cases: each must report its rule with the rule's level at the pointer, with
 * a reason; every pointer reported must lead somewhere; a compatible change must bring no ERR on the
 * side. Every rule the module exports needs a case, and every case names one of them.
 */
export function describeRuleCases(title: string, module: Record<string, unknown>, cases: RuleCase[]): void {
  const rules = rulesIn(module);
  const levelOf = new Map(rules.map((r) => [r.id, r.level]));
  describe(title, () => {
    it.each(cases.map((c) => [c.name ? `${c.rule} (${c.name})` : c.rule, c] as const))('%s', (_, c) => {
      const { b, a, changes } = run(c);
      expect(changes).toContainEqual(
        expect.objectContaining({ id: c.rule, level: levelOf.get(c.rule), pointer: c.pointer }),
      );
      const change = changes.find((x) => x.id === c.rule && x.pointer === c.pointer);
      expect(change?.reason.length).toBeGreaterThan(20);
      // Every pointer leads somewhere in one of the two documents.
      for (const x of changes) {
        const found = [b, a].some((doc) => resolveThroughRefs(doc, x.pointer) !== undefined);
        expect(found, `${x.id} ${x.pointer}`).toBe(true);
      }
      // A compatible change must not be reported as breaking on the side.
      if (levelOf.get(c.rule) !== 'ERR') expect(changes.filter((x) => x.level === 'ERR')).toEqual([]);
    });

    it('has a case for every rule of the module, and none for a rule of another', () => {
      const covered = new Set(cases.map((c) => c.rule));
      expect(rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
      expect([...covered].filter((id) => !levelOf.has(id))).toEqual([]);
    });
  });
}
