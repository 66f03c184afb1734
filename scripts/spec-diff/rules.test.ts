/**
 * One case (or more) per rule: two small specs that differ in one way, and the change that must be
 * reported, with its level and pointer. A rule without a case fails the catalogue test.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from './catalogue.ts';
import { diffSpecs } from './diff-specs.ts';
import { at, resolveThroughRefs, smallSpec } from './test-support.ts';
import type { Json } from './types.ts';

type Edit = (doc: Json) => void;
interface Case {
  rule: string;
  name?: string;
  before?: Edit;
  after?: Edit;
  pointer: string;
}

const P = '/paths/~1items~1{id}';
const GET = `${P}/get`;
const PUT = `${P}/put`;
const OK = `${GET}/responses/200`;
const ITEM = `${OK}/content/application~1json/schema`;
const INPUT = `${PUT}/requestBody/content/application~1json/schema`;

const item = (d: Json) => at(d, 'paths', '/items/{id}');
const get = (d: Json) => at(item(d), 'get');
const put = (d: Json) => at(item(d), 'put');
const ok = (d: Json) => at(get(d), 'responses', '200');
const schema = (d: Json, name: string) => at(d, 'components', 'schemas', name);
const prop = (d: Json, name: string, property: string) => at(schema(d, name), 'properties', property);
const params = (d: Json) => get(d).parameters as Json[];
const first = (list: Json[]): Json => list[0] as Json;
const set = (target: Json, key: string, value: unknown) => {
  target[key] = value;
};

const cases: Case[] = [
  // paths, operations, security, servers, components
  { rule: 'api-path-removed', after: (d) => delete at(d, 'paths')['/health'], pointer: '/paths/~1health' },
  {
    rule: 'api-path-added',
    after: (d) => {
      at(d, 'paths')['/stats'] = { get: { responses: { '200': { description: 'Stats' } } } };
    },
    pointer: '/paths/~1stats',
  },
  { rule: 'api-removed', after: (d) => delete item(d).put, pointer: PUT },
  {
    rule: 'endpoint-added',
    after: (d) => {
      item(d).delete = { responses: { '204': { description: 'Gone' } } };
    },
    pointer: `${P}/delete`,
  },
  { rule: 'api-operation-id-changed', after: (d) => set(get(d), 'operationId', 'fetchItem'), pointer: GET },
  { rule: 'api-operation-id-changed', name: 'removed', after: (d) => delete get(d).operationId, pointer: GET },
  { rule: 'endpoint-deprecated', after: (d) => set(get(d), 'deprecated', true), pointer: GET },
  {
    rule: 'api-security-removed',
    after: (d) => set(put(d), 'security', [{ apiKey: [] }]),
    pointer: `${PUT}/security`,
  },
  {
    rule: 'api-security-removed',
    name: 'anonymous access removed',
    after: (d) => set(at(d, 'paths', '/health', 'get'), 'security', [{ bearer: [] }]),
    pointer: '/paths/~1health/get/security',
  },
  {
    rule: 'api-security-added',
    after: (d) => set(put(d), 'security', [{ bearer: [] }, { apiKey: [] }]),
    pointer: `${PUT}/security`,
  },
  {
    rule: 'server-url-changed',
    after: (d) => set(d, 'servers', [{ url: 'https://api2.example.com' }]),
    pointer: '/servers/0',
  },
  { rule: 'server-removed', after: (d) => set(d, 'servers', []), pointer: '/servers/0' },
  {
    rule: 'server-added',
    after: (d) => void (d.servers as Json[]).push({ url: 'http://127.0.0.1:4010' }),
    pointer: '/servers/1',
  },
  {
    rule: 'component-schema-removed',
    before: (d) => set(at(d, 'components', 'schemas'), 'Legacy', { type: 'string' }),
    pointer: '/components/schemas/Legacy',
  },
  {
    rule: 'component-schema-added',
    after: (d) => set(at(d, 'components', 'schemas'), 'Tag', { type: 'string' }),
    pointer: '/components/schemas/Tag',
  },

  // parameters
  { rule: 'request-parameter-removed', after: (d) => set(get(d), 'parameters', []), pointer: `${GET}/parameters/0` },
  {
    rule: 'new-required-request-parameter',
    after: (d) => void params(d).push({ name: 'lang', in: 'query', required: true, schema: { type: 'string' } }),
    pointer: `${GET}/parameters/1`,
  },
  {
    rule: 'new-optional-request-parameter',
    after: (d) => void params(d).push({ name: 'lang', in: 'query', schema: { type: 'string' } }),
    pointer: `${GET}/parameters/1`,
  },
  {
    rule: 'request-parameter-became-required',
    after: (d) => set(first(params(d)), 'required', true),
    pointer: `${GET}/parameters/0`,
  },
  {
    rule: 'request-parameter-became-optional',
    before: (d) => set(first(params(d)), 'required', true),
    pointer: `${GET}/parameters/0`,
  },
  {
    rule: 'request-property-type-changed',
    name: 'parameter schema',
    after: (d) => set(at(first(params(d)), 'schema'), 'type', 'integer'),
    pointer: `${GET}/parameters/0/schema`,
  },

  // request body
  {
    rule: 'request-body-added-required',
    after: (d) => set(get(d), 'requestBody', { required: true, content: { 'application/json': { schema: {} } } }),
    pointer: `${GET}/requestBody`,
  },
  {
    rule: 'request-body-added-optional',
    after: (d) => set(get(d), 'requestBody', { content: { 'application/json': { schema: {} } } }),
    pointer: `${GET}/requestBody`,
  },
  { rule: 'request-body-removed', after: (d) => delete put(d).requestBody, pointer: `${PUT}/requestBody` },
  {
    rule: 'request-body-became-required',
    before: (d) => set(at(put(d), 'requestBody'), 'required', false),
    pointer: `${PUT}/requestBody`,
  },
  {
    rule: 'request-body-became-optional',
    after: (d) => set(at(put(d), 'requestBody'), 'required', false),
    pointer: `${PUT}/requestBody`,
  },
  {
    rule: 'request-body-media-type-removed',
    after: (d) => {
      const body = at(put(d), 'requestBody');
      body.content = { 'application/xml': { schema: { type: 'object' } } };
    },
    pointer: `${PUT}/requestBody/content/application~1json`,
  },
  {
    rule: 'request-body-media-type-added',
    after: (d) => set(at(put(d), 'requestBody', 'content'), 'application/x-www-form-urlencoded', { schema: {} }),
    pointer: `${PUT}/requestBody/content/application~1x-www-form-urlencoded`,
  },

  // responses
  {
    rule: 'response-status-removed',
    after: (d) => delete at(get(d), 'responses')['404'],
    pointer: `${GET}/responses/404`,
  },
  {
    rule: 'response-status-added',
    after: (d) => set(at(get(d), 'responses'), '500', { description: 'Oops' }),
    pointer: `${GET}/responses/500`,
  },
  {
    rule: 'response-media-type-removed',
    after: (d) => {
      const content = at(ok(d), 'content');
      ok(d).content = { 'application/vnd.item+json': content['application/json'] };
    },
    pointer: `${OK}/content/application~1json`,
  },
  {
    rule: 'response-media-type-added',
    after: (d) => set(at(ok(d), 'content'), 'text/plain', { schema: { type: 'string' } }),
    pointer: `${OK}/content/text~1plain`,
  },
  {
    rule: 'response-required-header-removed',
    after: (d) => delete at(ok(d), 'headers')['X-Rate-Limit'],
    pointer: `${OK}/headers/X-Rate-Limit`,
  },
  {
    rule: 'response-optional-header-removed',
    after: (d) => delete at(ok(d), 'headers')['X-Trace'],
    pointer: `${OK}/headers/X-Trace`,
  },
  {
    rule: 'response-header-added',
    after: (d) => set(at(ok(d), 'headers'), 'X-Request-Id', { schema: { type: 'string' } }),
    pointer: `${OK}/headers/X-Request-Id`,
  },
  {
    rule: 'response-property-type-changed',
    name: 'header schema',
    after: (d) => set(at(ok(d), 'headers', 'X-Rate-Limit', 'schema'), 'type', 'string'),
    pointer: `${OK}/headers/X-Rate-Limit/schema`,
  },
  {
    rule: 'response-example-removed',
    after: (d) => delete at(ok(d), 'content', 'application/json', 'examples').basic,
    pointer: `${OK}/content/application~1json/examples/basic`,
  },
  {
    rule: 'response-example-added',
    after: (d) => {
      at(ok(d), 'content', 'application/json', 'examples').archived = { value: { id: 'a2', status: 'archived' } };
    },
    pointer: `${OK}/content/application~1json/examples/archived`,
  },
  {
    rule: 'response-example-changed',
    after: (d) => set(at(ok(d), 'content', 'application/json', 'examples', 'basic', 'value'), 'id', 'b2'),
    pointer: `${OK}/content/application~1json/examples/basic`,
  },

  // response schemas (Item, reached through $ref)
  {
    rule: 'response-property-removed',
    after: (d) => delete at(schema(d, 'Item'), 'properties').note,
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-removed',
    name: 'required property',
    after: (d) => {
      delete at(schema(d, 'Item'), 'properties').id;
      schema(d, 'Item').required = ['status'];
    },
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'response-property-renamed',
    after: (d) => {
      const properties = at(schema(d, 'Item'), 'properties');
      properties.memo = { ...(properties.note as Json), description: 'A note' };
      delete properties.note;
    },
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-added',
    after: (d) => set(at(schema(d, 'Item'), 'properties'), 'owner', { type: 'string' }),
    pointer: `${ITEM}/properties/owner`,
  },
  {
    rule: 'response-property-added',
    name: 'nested in array items',
    before: (d) => set(prop(d, 'Item', 'tags'), 'items', { type: 'object', properties: {} }),
    after: (d) => {
      const properties = { label: { type: 'string' } };
      set(prop(d, 'Item', 'tags'), 'items', { type: 'object', properties });
    },
    pointer: `${ITEM}/properties/tags/items/properties/label`,
  },
  {
    rule: 'response-property-became-optional',
    after: (d) => set(schema(d, 'Item'), 'required', ['id']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-required',
    after: (d) => set(schema(d, 'Item'), 'required', ['id', 'status', 'note']),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-type-changed',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', 'string'),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-type-changed',
    name: 'integer widened to number',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', 'number'),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-became-nullable',
    after: (d) => set(prop(d, 'Item', 'count'), 'type', ['integer', 'null']),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-became-nullable',
    name: 'OpenAPI 3.0 nullable',
    after: (d) => set(prop(d, 'Item', 'note'), 'nullable', true),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-type-specialized',
    before: (d) => set(prop(d, 'Item', 'count'), 'type', 'number'),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-enum-value-added',
    after: (d) => set(prop(d, 'Item', 'status'), 'enum', ['active', 'archived', 'deleted']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-enum-value-removed',
    after: (d) => set(prop(d, 'Item', 'status'), 'enum', ['active']),
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-not-enum',
    after: (d) => delete prop(d, 'Item', 'status').enum,
    pointer: `${ITEM}/properties/status`,
  },
  {
    rule: 'response-property-became-enum',
    after: (d) => set(prop(d, 'Item', 'note'), 'const', 'fixed'),
    pointer: `${ITEM}/properties/note`,
  },
  {
    rule: 'response-property-constraint-relaxed',
    after: (d) => set(prop(d, 'Item', 'count'), 'maximum', 1000),
    pointer: `${ITEM}/properties/count`,
  },
  {
    rule: 'response-property-constraint-relaxed',
    name: 'additionalProperties false removed',
    before: (d) => set(schema(d, 'Item'), 'additionalProperties', false),
    pointer: ITEM,
  },
  {
    rule: 'response-property-constraint-tightened',
    after: (d) => set(prop(d, 'Item', 'count'), 'maximum', 10),
    pointer: `${ITEM}/properties/count`,
  },

  // request schemas (ItemInput, reached through $ref)
  {
    rule: 'request-property-removed',
    after: (d) => delete at(schema(d, 'ItemInput'), 'properties').comment,
    pointer: `${INPUT}/properties/comment`,
  },
  {
    rule: 'request-property-renamed',
    after: (d) => {
      const properties = at(schema(d, 'ItemInput'), 'properties');
      properties.color = properties.colour;
      delete properties.colour;
    },
    pointer: `${INPUT}/properties/colour`,
  },
  {
    rule: 'new-required-request-property',
    after: (d) => {
      at(schema(d, 'ItemInput'), 'properties').owner = { type: 'string' };
      schema(d, 'ItemInput').required = ['name', 'owner'];
    },
    pointer: `${INPUT}/properties/owner`,
  },
  {
    rule: 'new-optional-request-property',
    after: (d) => set(at(schema(d, 'ItemInput'), 'properties'), 'owner', { type: 'integer' }),
    pointer: `${INPUT}/properties/owner`,
  },
  {
    rule: 'request-property-became-required',
    after: (d) => set(schema(d, 'ItemInput'), 'required', ['name', 'kind']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-became-optional',
    after: (d) => set(schema(d, 'ItemInput'), 'required', []),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-type-changed',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'type', 'string'),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-type-changed',
    name: 'number narrowed to integer',
    before: (d) => set(prop(d, 'ItemInput', 'size'), 'type', 'number'),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-became-not-nullable',
    after: (d) => set(prop(d, 'ItemInput', 'comment'), 'type', 'string'),
    pointer: `${INPUT}/properties/comment`,
  },
  {
    rule: 'request-property-type-generalized',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'type', ['integer', 'string']),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'request-property-enum-value-removed',
    after: (d) => set(prop(d, 'ItemInput', 'kind'), 'enum', ['a']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-enum-value-added',
    after: (d) => set(prop(d, 'ItemInput', 'kind'), 'enum', ['a', 'b', 'c']),
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-became-enum',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'enum', ['x', 'y']),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-became-not-enum',
    after: (d) => delete prop(d, 'ItemInput', 'kind').enum,
    pointer: `${INPUT}/properties/kind`,
  },
  {
    rule: 'request-property-constraint-tightened',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'maxLength', 10),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'pattern added',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'pattern', '^[a-z]+$'),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-constraint-tightened',
    name: 'additional properties refused',
    after: (d) => set(schema(d, 'ItemInput'), 'additionalProperties', false),
    pointer: INPUT,
  },
  {
    rule: 'request-property-constraint-relaxed',
    after: (d) => set(prop(d, 'ItemInput', 'name'), 'maxLength', 100),
    pointer: `${INPUT}/properties/name`,
  },
  {
    rule: 'request-property-default-changed',
    after: (d) => set(prop(d, 'ItemInput', 'size'), 'default', 2),
    pointer: `${INPUT}/properties/size`,
  },
  {
    rule: 'schema-keyword-changed',
    after: (d) => set(prop(d, 'Item', 'note'), 'not', { const: '' }),
    pointer: `${ITEM}/properties/note`,
  },

  // catch-alls
  { rule: 'annotation-changed', after: (d) => set(get(d), 'summary', 'Fetch an item'), pointer: GET },
  {
    rule: 'annotation-changed',
    name: 'schema description',
    after: (d) => set(prop(d, 'Item', 'id'), 'description', 'The id'),
    pointer: `${ITEM}/properties/id`,
  },
  {
    rule: 'annotation-changed',
    name: 'info version',
    after: (d) => set(at(d, 'info'), 'version', '1.1.0'),
    pointer: '/info',
  },
  {
    rule: 'unclassified-change',
    after: (d) => set(first(params(d)), 'style', 'form'),
    pointer: `${GET}/parameters/0/style`,
  },
  {
    rule: 'unclassified-change',
    name: 'security scheme',
    after: (d) => set(at(d, 'components', 'securitySchemes', 'bearer'), 'bearerFormat', 'JWT'),
    pointer: '/components/securitySchemes',
  },
];

function run({ before, after }: Case) {
  const [b, a] = [smallSpec(), smallSpec()];
  before?.(b);
  after?.(a);
  return { b, a, changes: diffSpecs(b, a) };
}

const levelOf = new Map(RULES.map((r) => [r.id, r.level]));

describe('spec:diff rules', () => {
  it('reports nothing for identical documents', () => {
    expect(diffSpecs(smallSpec(), smallSpec())).toEqual([]);
  });

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

  it('has at least one case for every rule in the catalogue', () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
