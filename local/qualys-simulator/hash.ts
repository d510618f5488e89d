/**
 * Deterministic randomness for the simulator: every draw is a hash of the seed, an index (a
 * minute or a day) and a salt naming what the draw is for, so any minute of any day can be
 * computed on its own, in any order, with the same result every time.
 */

/** Salts that keep the draws for different purposes independent. */
export const Salt = {
  dayLevel: 1,
  countNoise: 2,
  lateShare: 3,
  lateDelay: 4,
} as const;

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_POW_32 = 2 ** 32;

/** A uniform draw in (0, 1) for `(seed, index, salt)`; `index` may be any safe integer. */
export function unitDraw(seed: number, index: number, salt: number): number {
  const low = index >>> 0;
  const high = Math.floor(index / TWO_POW_32) >>> 0;
  let hash = mix32(seed ^ 0x9e3779b9);
  hash = mix32(hash ^ low);
  hash = mix32(hash ^ high ^ Math.imul(salt, 0x27d4eb2d));
  return (hash + 0.5) / TWO_POW_32;
}

/** Two independent standard normal draws (Box-Muller) for `(seed, index, salt)`. */
export function normalDraws(seed: number, index: number, salt: number): [number, number] {
  const radius = Math.sqrt(-2 * Math.log(unitDraw(seed, index, salt)));
  const angle = 2 * Math.PI * unitDraw(seed, index, salt + 0x100);
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}
