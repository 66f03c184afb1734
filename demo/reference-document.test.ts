import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { markAssumed } from './reference-document.ts';

describe('markAssumed', () => {
  const marked = markAssumed() as typeof openapiDocument & Record<string, never>;
  const login = marked.paths['/v1/api/auth/login'].post as Record<string, unknown> &
    (typeof marked.paths)['/v1/api/auth/login']['post'];

  it('marks each x-assumed response and leaves the documented one alone', () => {
    expect(login.responses['401'].description).toBe(
      "**Assumed, not in the API's docs:** unknown user or wrong password (the same answer for both).",
    );
    expect(login.responses['200'].description).toBe(
      openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].description,
    );
  });

  it('badges the operation with the assumed statuses', () => {
    expect(login['x-badges']).toEqual([
      expect.objectContaining({ name: 'Assumed responses: 400, 401, 429, 500, 502, 503' }),
    ]);
    expect(login.description).toMatch(/Responses 400, 401, 429, 500, 502 and 503 are assumed/);
  });

  it('does not touch the spec module', () => {
    expect(openapiDocument.paths['/v1/api/auth/login'].post.responses['401'].description).toMatch(/^Assumed - /);
    expect('x-badges' in openapiDocument.paths['/v1/api/auth/login'].post).toBe(false);
  });

  it('refuses a non-object', () => {
    expect(() => markAssumed('openapi: 3.1.0')).toThrow(/not an object/);
  });
});
