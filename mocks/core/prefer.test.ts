import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, parsePrefer } from './prefer.ts';

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
