// The generator's seeded randomness (mulberry32): the same seed yields the same sequence on every
// machine and Node version, so a run's generated requests can be replayed with --seed.
import { mulberry32 } from '../../common/mulberry32.ts';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A copy of the items in a seeded order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** The largest seed accepted (seeds are unsigned 32-bit integers). */
export const maxSeed = 0xffff_ffff;

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    chance: (p: number) => next() < p,
    shuffle: <T>(items: readonly T[]) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}
