import { describe, expect, it } from 'vitest';
import { formatPrefer } from './prefer.ts';

describe('formatPrefer', () => {
  it.each([
    ['nothing', undefined, undefined],
    ['empty', {}, undefined],
    ['status only', { code: 401 }, 'code=401'],
    ['example only', { example: 'wrong-credentials' }, 'example=wrong-credentials'],
    [
      'all, in a fixed order',
      { delay: 2000, example: 'documented', code: 200 },
      'code=200, example=documented, delay=2000',
    ],
    ['extra items', { extra: ['dynamic=false', 'respond-async'] }, 'dynamic=false, respond-async'],
  ])('%s', (_name, given, want) => {
    expect(formatPrefer(given)).toBe(want);
  });

  it.each([
    ['a status out of range', { code: 42 }, /HTTP status/],
    ['a fractional delay', { delay: 1.5 }, /whole number/],
    ['a negative delay', { delay: -1 }, /whole number/],
    ['an example that would inject another preference', { example: 'a, code=500' }, /plain name/],
    ['a malformed extra', { extra: ['a=b=c'] }, /name=value/],
  ])('refuses %s', (_name, given, message) => {
    expect(() => formatPrefer(given)).toThrow(message);
  });
});
