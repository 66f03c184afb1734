import { describe, expect, it } from 'vitest';
import {
  childPointer,
  describePointer,
  escapeSegment,
  getPointer,
  resolveLocalRef,
  unescapeSegment,
} from './json-pointer.ts';

describe('escapeSegment / unescapeSegment', () => {
  it.each([
    ['application/json', 'application~1json'],
    ['a~b', 'a~0b'],
    ['~1', '~01'],
    ['/v1/api/auth/login', '~1v1~1api~1auth~1login'],
    ['plain', 'plain'],
  ])('%j <-> %j', (segment, escaped) => {
    expect(escapeSegment(segment)).toBe(escaped);
    expect(unescapeSegment(escaped)).toBe(segment);
  });

  it('escapes numbers as their text', () => {
    expect(escapeSegment(0)).toBe('0');
  });
});

describe('childPointer', () => {
  it('appends each segment escaped', () => {
    expect(childPointer('/paths', '/v1/login', 'post', 200)).toBe('/paths/~1v1~1login/post/200');
    expect(childPointer('')).toBe('');
  });
});

describe('getPointer', () => {
  const doc = { result: { 'a/b': 1, 'c~d': 2, list: ['x', 'y'] }, code: 0 };

  it.each([
    ['', doc],
    ['/code', 0],
    ['/result/a~1b', 1],
    ['/result/c~0d', 2],
    ['/result/list/1', 'y'],
  ])('finds %j', (pointer, value) => {
    expect(getPointer(doc, pointer)).toEqual(value);
  });

  it.each([['/missing'], ['/code/deeper'], ['/result/toString'], ['/result/list/2']])(
    'gives undefined for %j (own properties only)',
    (pointer) => {
      expect(getPointer(doc, pointer)).toBeUndefined();
    },
  );
});

describe('describePointer', () => {
  it('calls the root "the body"', () => {
    expect(describePointer('')).toBe('the body');
    expect(describePointer('/result/code')).toBe('/result/code');
  });
});

describe('resolveLocalRef', () => {
  const doc = { components: { schemas: { 'Error Envelope': { type: 'object' }, 'a/b': { type: 'string' } } } };

  it('follows local refs, URI-decoded and unescaped', () => {
    expect(resolveLocalRef(doc, '#/components/schemas/Error%20Envelope')).toEqual({ type: 'object' });
    expect(resolveLocalRef(doc, '#/components/schemas/a~1b')).toEqual({ type: 'string' });
    expect(resolveLocalRef(doc, '#')).toBe(doc);
  });

  it.each([['other.yaml#/x'], ['#/components/missing'], ['#components']])('gives undefined for %j', (ref) => {
    expect(resolveLocalRef(doc, ref)).toBeUndefined();
  });
});
