import { describe, expect, it } from 'vitest';
import { loadApi } from './api.ts';

describe('loadApi reads what the checks need from the merged spec', () => {
  const api = loadApi();

  it('finds both operations by operationId with their documented success', () => {
    expect([api.login.method, api.login.path, api.login.successStatus, api.login.successMediaType]).toEqual([
      'POST',
      '/v1/api/auth/login',
      200,
      'application/json',
    ]);
    expect([api.refresh.method, api.refresh.path, api.refresh.successStatus]).toEqual([
      'POST',
      '/v1/api/auth/refresh',
      200,
    ]);
  });

  it('knows that the two endpoints put the success code at different depths', () => {
    expect(api.login.successCodes).toEqual([{ pointer: '/code', value: 0 }]);
    expect(api.refresh.successCodes).toEqual([{ pointer: '/result/code', value: 0 }]);
  });

  it('names the request fields and the tokens with their lifetimes', () => {
    expect(api.fields).toEqual({ user: 'user', password: 'password', refreshToken: 'refresh_token' });
    expect(api.tokens.refresh).toEqual({
      name: 'refresh_token',
      pointer: '/result/refresh_token',
      expiresInPointer: '/result/refresh_token_expires_in',
    });
    expect(api.tokenTypePointer).toBe('/result/token_type');
  });

  it('fails clearly on a document without the operations', () => {
    expect(() => loadApi({ paths: {} })).toThrow('the OpenAPI document has no operation login');
  });
});
