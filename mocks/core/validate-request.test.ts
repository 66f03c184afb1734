import { describe, expect, it } from 'vitest';
import { findOperation, type Operation } from './operations.ts';
import { AJV_OPTIONS, requestSchemas } from './request-schemas.ts';
import { usesPrecompiledValidators, validateRequest } from './validate-request.ts';

const login = findOperation('login') as Operation;
const refresh = findOperation('refreshToken') as Operation;
const JSON_TYPE = 'application/json';

describe('validateRequest', () => {
  it.each([
    ['login, both fields', login, JSON_TYPE, '{"user":"u","password":"p"}'],
    ['login, extra field', login, JSON_TYPE, '{"user":"u","password":"p","remember":true}'],
    ['login, charset parameter', login, 'Application/JSON; charset=utf-8', '{"user":"u","password":"p"}'],
    ['refresh, token', refresh, JSON_TYPE, '{"refresh_token":"t"}'],
    ['refresh, empty object (refresh_token is optional)', refresh, JSON_TYPE, '{}'],
    ['refresh, no body at all (the body is optional)', refresh, undefined, ''],
  ])('accepts %s', (_name, op, contentType, body) => {
    expect(validateRequest(op, contentType, body).ok).toBe(true);
  });

  it.each([
    ['missing password', login, JSON_TYPE, '{"user":"u"}', "'password' is required"],
    ['missing user', login, JSON_TYPE, '{"password":"p"}', "'user' is required"],
    ['user not a string', login, JSON_TYPE, '{"user":1,"password":"p"}', "'user' must be a string"],
    ['password null', login, JSON_TYPE, '{"user":"u","password":null}', "'password' must be a string"],
    ['body an array', login, JSON_TYPE, '[1]', 'body must be a JSON object'],
    ['body a string', login, JSON_TYPE, '"u"', 'body must be a JSON object'],
    ['malformed JSON', login, JSON_TYPE, '{"user":', 'body is not valid JSON'],
    ['empty body where required', login, JSON_TYPE, '', 'body is required (application/json)'],
    [
      'wrong Content-Type',
      login,
      'text/plain',
      '{"user":"u","password":"p"}',
      "Content-Type must be application/json, got 'text/plain'",
    ],
    [
      'no Content-Type',
      login,
      undefined,
      '{"user":"u","password":"p"}',
      "Content-Type must be application/json, got 'none'",
    ],
    ['refresh_token a number', refresh, JSON_TYPE, '{"refresh_token":5}', "'refresh_token' must be a string"],
    [
      'deeply nested arrays',
      login,
      JSON_TYPE,
      `${'['.repeat(33)}${']'.repeat(33)}`,
      'body nests deeper than 32 levels',
    ],
    [
      'deeply nested objects',
      login,
      JSON_TYPE,
      `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`,
      'body nests deeper than 32 levels',
    ],
  ])('refuses %s, naming the problem', (_name, op, contentType, body, desc) => {
    expect(validateRequest(op, contentType, body)).toEqual({ ok: false, desc: `Invalid request: ${desc}` });
  });

  it('counts nesting outside strings only', () => {
    const brackets = '[{'.repeat(100);
    expect(validateRequest(login, JSON_TYPE, JSON.stringify({ user: brackets, password: 'p\\"[' })).ok).toBe(true);
    const nested32 = `${'['.repeat(31)}{"user":"u","password":"p"}${']'.repeat(31)}`;
    expect(validateRequest(login, JSON_TYPE, nested32)).toEqual({
      ok: false,
      desc: 'Invalid request: body must be a JSON object',
    });
  });

  it('returns the parsed body', () => {
    expect(validateRequest(login, JSON_TYPE, '{"user":"u","password":"p"}')).toEqual({
      ok: true,
      body: { user: 'u', password: 'p' },
    });
  });
});

describe('precompiled request validators', () => {
  it('are current: `npm run mocks:generate` has been run since the spec last changed', async () => {
    const { GENERATED_FILE, generateValidators } = await import('../generate-validators.ts');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(GENERATED_FILE, 'utf8'), 'run `npm run mocks:generate`').toBe(generateValidators());
    expect(usesPrecompiledValidators).toBe(true);
  });

  it('report the same first error as validators ajv compiles at run time', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { validators } = await import('../generated/request-validators.ts');
    const ajv = new Ajv2020(AJV_OPTIONS);
    const bodies = [
      {},
      { user: 'u' },
      { user: 1, password: 'p' },
      { user: 'u', password: 'p' },
      [],
      'x',
      null,
      { refresh_token: 5 },
    ];
    for (const { operationId, schema } of requestSchemas()) {
      const fresh = ajv.compile(schema);
      const precompiled = (validators as unknown as Record<string, typeof fresh>)[operationId] as typeof fresh;
      for (const body of bodies) {
        expect(precompiled(body), `${operationId} ${JSON.stringify(body)}`).toBe(fresh(body));
        expect(precompiled.errors?.[0]).toEqual(fresh.errors?.[0]);
      }
    }
  });
});
