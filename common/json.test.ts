import { describe, expect, it } from 'vitest';
import { isObject } from './json.ts';

describe('isObject', () => {
  it.each([[{}], [{ a: 1 }], [Object.create(null)]])('accepts %j', (value) => {
    expect(isObject(value)).toBe(true);
  });

  it.each([[null], [undefined], [[]], [[1]], ['{}'], [0], [true]])('refuses %j', (value) => {
    expect(isObject(value)).toBe(false);
  });
});
