import { describe, expect, it } from 'vitest';
import { formatPrefer, hasPreferences, MAX_DELAY_MS, parsePrefer, type Scenario } from './prefer.ts';

describe('parsePrefer', () => {
  it.each([
    ['no header', undefined, {}],
    ['empty header', '', {}],
    ['code', 'code=401', { code: 401 }],
    ['example', 'example=wrong-credentials', { example: 'wrong-credentials' }],
    ['code and example', 'code=401, example=expired-token', { code: 401, example: 'expired-token' }],
    ['no space, any order', 'example=expired-token,code=401', { code: 401, example: 'expired-token' }],
    ['quoted value', 'example="expired-token"', { example: 'expired-token' }],
    ['case-insensitive names', 'Code=401, EXAMPLE=invalid-token', { code: 401, example: 'invalid-token' }],
    ['delay', 'delay=2000', { delay: 2000 }],
    ['network error', 'network-error', { networkError: true }],
    ['all together', 'code=200, delay=5, network-error', { code: 200, delay: 5, networkError: true }],
    ['unknown preferences ignored', 'return=minimal, dynamic=true, respond-async', {}],
    // RFC 7240: after `;` come the preference's parameters, not another preference (as in Prism).
    ['parameters ignored', 'code=401;example=expired-token', { code: 401 }],
  ])('%s', (_name, header, scenario) => {
    expect(parsePrefer(header)).toEqual({ ok: true, scenario });
  });

  it.each([
    ['code not a number', 'code=abc', /code must be an HTTP status code.*'abc'/],
    ['code out of range', 'code=700', /code must be/],
    ['code without value', 'code', /code must be/],
    ['example without name', 'example=', /example needs a name/],
    ['negative delay', 'delay=-1', /delay must be a whole number/],
    ['delay too long', `delay=${MAX_DELAY_MS + 1}`, /delay must be/],
    ['delay not a number', 'delay=soon', /delay must be/],
    ['network-error with a value', 'network-error=false', /takes no value/],
  ])('reports %s', (_name, header, problem) => {
    const result = parsePrefer(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

describe('formatPrefer', () => {
  it.each([
    ['nothing', undefined, undefined],
    ['empty', {}, undefined],
    ['status only', { code: 401 }, 'code=401'],
    ['example only', { example: 'wrong-credentials' }, 'example=wrong-credentials'],
    [
      'all, in a fixed order',
      { networkError: true, delay: 2000, example: 'documented', code: 200 },
      'code=200, example=documented, delay=2000, network-error',
    ],
    ['networkError false', { networkError: false }, undefined],
  ])('%s', (_name, given, want) => {
    expect(formatPrefer(given)).toBe(want);
  });

  it.each<[string, Scenario]>([
    ['a status out of range', { code: 42 }],
    ['a fractional delay', { delay: 1.5 }],
    ['a negative delay', { delay: -1 }],
    ['an endless delay', { delay: MAX_DELAY_MS + 1 }],
    ['an example that would inject another preference', { example: 'a, code=500' }],
  ])('refuses %s', (_name, given) => {
    expect(() => formatPrefer(given)).toThrow(RangeError);
  });

  it.each<Scenario>([
    { code: 503 },
    { code: 401, example: 'expired-token' },
    { delay: 0 },
    { example: 'wrong-credentials', delay: 800, networkError: true },
  ])('is read back by parsePrefer as the same scenario: %o', (scenario) => {
    expect(parsePrefer(formatPrefer(scenario))).toEqual({ ok: true, scenario });
    expect(hasPreferences(scenario)).toBe(true);
  });

  it('an empty scenario asks for nothing', () => {
    expect(hasPreferences({})).toBe(false);
    expect(hasPreferences({ networkError: false })).toBe(false);
  });
});
