/** A seeded pseudo-random stream (mulberry32): same seed and stream name, same numbers, on every platform. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform whole number in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** One of `items`, uniformly; `items` must not be empty. */
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over the stream name, mixed with the seed, so independent streams come from one seed. */
function mixSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.floor(seed / 0x100000000);
  return h >>> 0;
}

/**
 * A deterministic random stream for `seed` (any safe integer) and a stream name
 * such as "placement/0", so that adding a new random choice elsewhere does not
 * shift the numbers this one gets.
 */
export function createRng(seed: number, stream: string): Rng {
  let state = mixSeed(seed, stream);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** Uniform in [-1, 1): one draw of `rng.next()`, centred. */
export function signedUnit(rng: Rng): number {
  return 2 * rng.next() - 1;
}
