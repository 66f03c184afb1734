import { mulberry32 } from '../../common/mulberry32.ts';

/** A small seeded PRNG (mulberry32), so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + int(95))).join('');
  return { next, int, pick, bytes, text };
}
export type Random = ReturnType<typeof seededRandom>;
