import { describe, expect, it } from 'vitest';
import { childPointer } from '../../common/json-pointer.ts';
import { openapiDocument } from '../../spec/generated/openapi.ts';
import { diffSpecs, SpecDiffError } from './diff-specs.ts';
import { at, smallSpec } from './test-support.ts';
import type { Json } from './types.ts';

const realSpec = (): Json => structuredClone(openapiDocument) as unknown as Json;
const LOGIN_200 = '/paths/~1v1~1api~1auth~1login/post/responses/200/content/application~1json/schema';

describe('diffSpecs on the real spec', () => {
  it('finds no change between the spec and itself', () => {
    expect(diffSpecs(realSpec(), realSpec())).toEqual([]);
  });

  it('names the removal of refresh_token_expires_in from the login answer as breaking', () => {
    const head = realSpec();
    const result = at(head, 'paths', '/v1/api/auth/login', 'post', 'responses', '200', 'content', 'application/json');
    const schema = at(result, 'schema', 'properties', 'result');
    delete at(schema, 'properties').refresh_token_expires_in;
    schema.required = (schema.required as string[]).filter((name) => name !== 'refresh_token_expires_in');

    const changes = diffSpecs(realSpec(), head);
    expect(changes).toEqual([
      {
        id: 'response-property-removed',
        level: 'ERR',
        pointer: `${LOGIN_200}/properties/result/properties/refresh_token_expires_in`,
        reason: expect.stringContaining('`result.refresh_token_expires_in` (required) was removed'),
      },
    ]);
    expect(changes[0]?.reason).toMatch(/^POST \/v1\/api\/auth\/login response 200 application\/json: /);
  });

  it('classifies additions as compatible', () => {
    const head = realSpec();
    const login = at(head, 'paths', '/v1/api/auth/login', 'post');
    const result = at(login, 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'result');
    at(result, 'properties').scope = { type: 'string' };
    // A path of our own, not one the docs may gain.
    at(head, 'paths')['/v1/api/auth/test-only-added'] = { post: { responses: { '204': { description: 'Added' } } } };
    const changes = diffSpecs(realSpec(), head);
    expect(changes.map((c) => [c.level, c.id])).toEqual([
      ['INFO', 'response-property-added'],
      ['INFO', 'api-path-added'],
    ]);
  });

  it('reports a change to a shared component at every place that uses it', () => {
    const head = realSpec();
    at(head, 'components', 'schemas', 'ErrorEnvelope', 'properties', 'desc').type = 'integer';
    const changes = diffSpecs(realSpec(), head);
    // Every response of the spec whose body is the envelope, whichever operations the docs hold.
    const users = Object.entries(realSpec().paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        Object.entries(op.responses as Record<string, Json>)
          .filter(([, response]) => JSON.stringify(response).includes('"#/components/schemas/ErrorEnvelope"'))
          .map(([status]) =>
            childPointer(
              '',
              'paths',
              path,
              method,
              'responses',
              status,
              'content',
              'application/json',
              'schema',
              'properties',
              'desc',
            ),
          ),
      ),
    );
    // At least login's and refresh's 400, 401, 429, 500, 502 and 503.
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(changes.map((c) => c.pointer)).toEqual(users);
    for (const change of changes) {
      expect(change).toMatchObject({ id: 'response-property-type-changed', level: 'ERR' });
      expect(change.reason).toContain('[schema #/components/schemas/ErrorEnvelope]');
    }
  });

  it('treats a documented refresh_token that became required as breaking for senders', () => {
    const head = realSpec();
    at(head, 'paths', '/v1/api/auth/refresh', 'post', 'requestBody', 'content', 'application/json', 'schema').required =
      ['refresh_token'];
    expect(diffSpecs(realSpec(), head)).toEqual([
      expect.objectContaining({
        id: 'request-property-became-required',
        level: 'ERR',
        pointer:
          '/paths/~1v1~1api~1auth~1refresh/post/requestBody/content/application~1json/schema/properties/refresh_token',
      }),
    ]);
  });
});

describe('diffSpecs walking', () => {
  it('stops on recursive schemas and still reports the change', () => {
    const tree = (nameType: string): Json => ({
      ...smallSpec(),
      components: {
        schemas: {
          Item: {
            type: 'object',
            properties: {
              name: { type: nameType },
              children: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
            },
          },
        },
      },
      paths: {
        '/tree': {
          get: {
            responses: {
              '200': {
                description: 'Tree',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
              },
            },
          },
        },
      },
    });
    const changes = diffSpecs(tree('string'), tree('integer'));
    expect(changes.map((c) => [c.id, c.pointer])).toEqual([
      [
        'response-property-type-changed',
        '/paths/~1tree/get/responses/200/content/application~1json/schema/properties/name',
      ],
    ]);
  });

  it('matches paths whose template variables were only renamed', () => {
    const head = smallSpec();
    const paths = at(head, 'paths');
    const item = at(paths, '/items/{id}');
    (item.parameters as Json[])[0] = { name: 'itemId', in: 'path', required: true, schema: { type: 'string' } };
    delete paths['/items/{id}'];
    paths['/items/{itemId}'] = item;
    expect(diffSpecs(smallSpec(), head)).toEqual([]);
  });

  it('sees no change when a $ref is replaced by the schema it pointed to', () => {
    const head = smallSpec();
    const media = at(head, 'paths', '/items/{id}', 'get', 'responses', '200', 'content', 'application/json');
    media.schema = structuredClone(at(head, 'components', 'schemas', 'Item'));
    expect(diffSpecs(smallSpec(), head)).toEqual([]);
  });

  it('does not call it a rename when more than one property came and went', () => {
    const head = smallSpec();
    const properties = at(head, 'components', 'schemas', 'Item', 'properties');
    properties.memo = properties.note;
    properties.label = properties.id;
    delete properties.note;
    delete properties.id;
    at(head, 'components', 'schemas', 'Item').required = ['status'];
    const ids = diffSpecs(smallSpec(), head).map((c) => c.id);
    expect(ids).not.toContain('response-property-renamed');
    expect(ids.filter((id) => id === 'response-property-removed')).toHaveLength(1); // id was required
    expect(ids.filter((id) => id === 'response-optional-property-removed')).toHaveLength(1);
  });

  it('compares the sub-schemas of then, contains and patternProperties as schemas', () => {
    const [base, head] = [smallSpec(), smallSpec()];
    // JSON Schema's if/then, built key by key: an object literal with `then` reads as a promise to the linter.
    const conditional = (required: string[]) =>
      Object.fromEntries([
        ['if', { properties: { kind: { const: 'a' } } }],
        ['then', { required }],
        ['patternProperties', { '^x-': { type: 'string', maxLength: required.length === 1 ? 10 : 5 } }],
      ]);
    Object.assign(at(base, 'components', 'schemas', 'ItemInput'), conditional(['size']));
    Object.assign(at(head, 'components', 'schemas', 'ItemInput'), conditional(['size', 'colour']));
    const input = '/paths/~1items~1{id}/put/requestBody/content/application~1json/schema';
    const found = diffSpecs(base, head).map((c) => [c.id, c.pointer]);
    expect(found).toContainEqual(['new-required-request-property', `${input}/then/properties/colour`]);
    expect(found).toContainEqual(['request-property-constraint-tightened', `${input}/patternProperties/^x-`]);
  });

  it('pairs a response media type with its more specific successor, but not a request one', () => {
    const [base, head] = [smallSpec(), smallSpec()];
    const specific = (content: Json) => ({ 'application/vnd.item+json': content['application/json'] });
    const okResponse = at(head, 'paths', '/items/{id}', 'get', 'responses', '200');
    okResponse.content = specific(at(okResponse, 'content'));
    const body = at(head, 'paths', '/items/{id}', 'put', 'requestBody');
    body.content = specific(at(body, 'content'));
    const ids = diffSpecs(base, head).map((c) => `${c.id} ${c.level}`);
    expect(ids).toContain('media-type-renamed INFO');
    expect(ids).not.toContain('response-media-type-removed ERR');
    expect(ids).toContain('request-body-media-type-removed ERR');
  });

  it('ignores readOnly properties in requests', () => {
    const [base, head] = [smallSpec(), smallSpec()];
    at(base, 'components', 'schemas', 'ItemInput', 'properties').createdAt = { type: 'string', readOnly: true };
    expect(diffSpecs(base, head)).toEqual([]);
  });

  it('stops with a clear error on a $ref it cannot resolve', () => {
    const head = smallSpec();
    at(head, 'paths', '/items/{id}', 'get', 'responses', '200', 'content', 'application/json').schema = {
      $ref: 'other.yaml#/Item',
    };
    expect(() => diffSpecs(smallSpec(), head)).toThrow(SpecDiffError);
    expect(() => diffSpecs(smallSpec(), head)).toThrow('cannot resolve $ref other.yaml#/Item');
  });
});
