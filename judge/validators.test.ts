import { describe, expect, it } from 'vitest';
import { loadApi } from './api.ts';
import { createValidators, standaloneSchema } from './validators.ts';

const api = loadApi();
const validators = createValidators(api);
const documented = api.login.successExample as { code: number; result: Record<string, unknown> };

describe('validators compiled from the merged spec (ajv 2020-12, strict)', () => {
  it("accept the docs' own examples, truncated tokens included", () => {
    expect(validators.loginSuccess(api.login.successExample)).toEqual([]);
    expect(validators.refreshSuccess(api.refresh.successExample)).toEqual([]);
  });

  it('accept extra fields and a missing redirect', () => {
    const { redirect: _, ...noRedirect } = documented as Record<string, unknown>;
    expect(validators.loginSuccess({ ...noRedirect, extra: 1, result: { ...documented.result, scope: 'x' } })).toEqual(
      [],
    );
  });

  it('name the pointer, the keyword and the schema path of a wrong type', () => {
    const body = { ...documented, result: { ...documented.result, access_token_expires_in: '1800' } };
    expect(validators.loginSuccess(body)).toEqual([
      {
        pointer: '/result/access_token_expires_in',
        keyword: 'type',
        schemaPath: '#/properties/result/properties/access_token_expires_in/type',
        message: 'must be integer',
      },
    ]);
  });

  it('point at the missing field itself, not at its parent', () => {
    const { refresh_token: _, ...result } = documented.result;
    const issues = validators.loginSuccess({ ...documented, result });
    expect(issues.map((i) => [i.pointer, i.keyword])).toEqual([['/result/refresh_token', 'required']]);
  });

  it('report every problem at once', () => {
    expect(validators.refreshSuccess({ result: { code: '0' } }).map((i) => i.pointer)).toEqual([
      '/result/desc',
      '/result/code',
    ]);
    expect(validators.refreshSuccess([]).map((i) => i.keyword)).toEqual(['type']);
  });

  it('carry component schemas along, so #/components refs resolve', () => {
    const schema = standaloneSchema(
      { $ref: '#/components/schemas/E' },
      {
        components: {
          schemas: { E: { type: 'object', properties: { x: { $ref: '#/components/schemas/F' } } }, F: {} },
        },
      },
    );
    expect(schema).toEqual({
      $ref: '#/$defs/E',
      $defs: { E: { type: 'object', properties: { x: { $ref: '#/$defs/F' } } }, F: {} },
    });
  });

  it('accept OpenAPI keywords and x- extensions in strict mode', () => {
    const doc = structuredClone(api.document);
    const schema = doc.paths?.[api.login.path]?.post?.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) throw new Error('the login schema moved');
    schema.example = { code: 0 };
    schema['x-internal'] = true;
    const custom = createValidators(loadApi(doc));
    expect(custom.loginSuccess(api.login.successExample)).toEqual([]);
  });
});
