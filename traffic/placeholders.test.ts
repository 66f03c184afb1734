import { describe, expect, it } from 'vitest';
import { decodeToken } from '../judge/jwt.ts';
import { createMasker, placeholderFor } from './placeholders.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice', exp: 2_000_000_000 })}.c2lnbmF0dXJlLXNlY3JldC1wYXJ0`;

describe('placeholderFor', () => {
  it.each([
    ['a password', 'wonder-Land42!', 'xxxxxx-Xxxx00*'],
    ['a password with quotes', 'a"b\\c', 'x*x*x'],
    ['an opaque token', 'AbC123_-x', 'XxX000_-x'],
  ])('%s keeps length and character classes', (_what, secret, placeholder) => {
    expect(placeholderFor(secret)).toBe(placeholder);
  });

  it('a JWT keeps header and claims, loses its signature, and still reads as a JWT', () => {
    const masked = placeholderFor(jwt);
    expect(masked).not.toBe(jwt);
    expect(masked.length).toBe(jwt.length);
    expect(masked.split('.').slice(0, 2)).toEqual(jwt.split('.').slice(0, 2));
    const decoded = decodeToken(masked);
    expect(decoded.ok && decoded.payload.exp).toBe(2_000_000_000);
  });
});

describe('createMasker', () => {
  it('masks every learnt secret the same way everywhere, also inside JSON strings', () => {
    const masker = createMasker();
    masker.learn(['pa"ss word', jwt, 'ab']);
    const text = JSON.stringify({ password: 'pa"ss word', token: jwt, note: 'ab' });
    const masked = masker.mask(text);
    expect(masked).not.toContain(jwt);
    expect(masked).not.toContain('pa\\"ss word');
    expect(JSON.parse(masked).note).toBe('ab'); // too short to replace everywhere
    expect(masker.mask(`Bearer ${jwt}`)).toBe(`Bearer ${placeholderFor(jwt)}`);
  });
});
