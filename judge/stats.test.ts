import { describe, expect, it } from 'vitest';
import { mad, mannWhitneyP, median } from './stats.ts';

describe('robust statistics', () => {
  it('median and MAD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });

  it('Mann–Whitney: separated samples give a tiny p, the same distribution a large one, ties none at all', () => {
    const low = Array.from({ length: 16 }, (_, i) => 10 + (i % 5));
    const high = low.map((v) => v + 45);
    expect(mannWhitneyP(low, high)).toBeLessThan(1e-5);
    expect(mannWhitneyP(low, [...low].reverse())).toBeGreaterThan(0.5);
    expect(mannWhitneyP([1, 1, 1], [1, 1, 1])).toBe(1);
  });
});
