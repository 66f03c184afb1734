import { describe, expect, it } from 'vitest';
import { isJsonMediaType, parseMediaType } from './media-type.ts';

describe('parseMediaType', () => {
  it.each([
    ['application/json', 'application/json', {}],
    ['application/json; charset=utf-8', 'application/json', { charset: 'utf-8' }],
    ['Application/JSON;Charset="UTF-8"', 'application/json', { charset: 'UTF-8' }],
    ['  text/html ; charset=iso-8859-1 ', 'text/html', { charset: 'iso-8859-1' }],
    ['application/problem+json', 'application/problem+json', {}],
  ])('%s', (header, essence, parameters) => {
    expect(parseMediaType(header)).toEqual({ essence, parameters });
  });

  it.each([[undefined], [null], [''], ['json'], ['application/'], ['a b/c']])('rejects %s', (header) => {
    expect(parseMediaType(header)).toBeUndefined();
  });

  it('knows JSON and +json', () => {
    expect(isJsonMediaType(parseMediaType('application/vnd.api+json'))).toBe(true);
    expect(isJsonMediaType(parseMediaType('text/json'))).toBe(false);
    expect(isJsonMediaType(undefined)).toBe(false);
  });
});
