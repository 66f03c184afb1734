import { describe, expect, it } from 'vitest';
import { shortenToken } from '../client/token.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { displayToken } from './token-display.ts';

const documented =
  openapiDocument.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].examples.documented
    .value;

describe('displayToken', () => {
  it('shows a docs example token with one ellipsis', () => {
    const token = documented.result.access_token;
    expect(token.endsWith('...')).toBe(true);
    const shown = displayToken(token);
    expect(shown).toBe(`${token.slice(0, 8)}… (${token.length - 3} chars, cut in the docs)`);
    expect(shown.match(/…|\.\.\./g)).toHaveLength(1);
  });

  it('shows a complete token as the client shortens it', () => {
    const jwt =
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTYyMTgxNjJ9.4O0jBhsoXX7amEoBWI3wDoD9JQMhw1_nAEw4KE9Zjzc';
    expect(displayToken(jwt)).toBe(shortenToken(jwt));
    expect(displayToken(jwt)).not.toContain(jwt.slice(8, -4));
  });
});
