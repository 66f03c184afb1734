import { describe, expect, it } from 'vitest';
import { maskToken, redactDeep, redactText, tokensIn } from './redact.ts';

const jwt =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc';
const none = { passwords: [], tokens: [] };

describe('redaction', () => {
  it('shows a token as its first 8 characters and an ellipsis, and never twice', () => {
    expect(maskToken(jwt)).toBe('eyJ0eXAi…');
    expect(maskToken(maskToken(jwt))).toBe('eyJ0eXAi…');
    expect(maskToken('short')).toBe('…');
  });

  it('masks password fields and token fields in JSON by key', () => {
    expect(redactText('{"user":"alice","password":"hunter22"}', none)).toBe('{"user":"alice","password":"***"}');
    expect(redactText('{"refresh_token": "abcdefghijklmnopqrstuvwxyz"}', none)).toBe('{"refresh_token": "abcdefgh…"}');
    expect(redactText('{"user":"a","password":"x\\"y"}', none)).toBe('{"user":"a","password":"***"}');
  });

  it('masks a truncated JSON body and form bodies', () => {
    expect(redactText('{"user":"alice","password":"hunter2', none)).toBe('{"user":"alice","password":"***');
    expect(redactText('user=alice&password=hunter2', none)).toBe('user=alice&password=***');
  });

  it('masks known secrets wherever they appear, and anything shaped like a JWT', () => {
    const secrets = { passwords: ['wonderland'], tokens: ['opaque-token-0123456789'] };
    expect(redactText("{user: 'alice', password: 'wonderland'}", secrets)).toBe("{user: 'alice', password: '***'}");
    expect(redactText('got opaque-token-0123456789 back', secrets)).toBe('got opaque-t… back');
    expect(redactText(`Bearer ${jwt} end`, none)).toBe('Bearer eyJ0eXAi… end');
  });

  it('leaves ordinary text alone', () => {
    expect(redactText('status 401 Unauthorized, body {"code":401,"desc":"Wrong user or password"}', none)).toBe(
      'status 401 Unauthorized, body {"code":401,"desc":"Wrong user or password"}',
    );
    expect(redactText('token_type "Bearer"', { passwords: ['ab'], tokens: [] })).toBe('token_type "Bearer"');
  });

  it('redacts every string in a structure', () => {
    expect(redactDeep({ a: [`x ${jwt}`], n: 1 }, none)).toEqual({ a: ['x eyJ0eXAi…'], n: 1 });
  });

  it('collects tokens from answers so later output can mask them', () => {
    expect(tokensIn({ result: { access_token: 'opaque-1', token_type: 'Bearer', other: jwt } })).toEqual([
      'opaque-1',
      jwt,
    ]);
  });
});
