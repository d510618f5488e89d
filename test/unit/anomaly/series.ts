/** Hand-made count series for the detector's tests: seeded, so every run sees the same counts. */
import type { WindowCount } from '#shared/anomaly/index.js';

/** A 15-minute evaluation window, in seconds. */
export const QUARTER = 900;

/** Monday 2025-01-06 00:00:00Z, where the test series start. */
export const MONDAY = Date.UTC(2025, 0, 6) / 1000;

/** A seeded uniform random source on [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A Poisson count of mean `mean`: Knuth's method for small means, the normal approximation
 * (close enough for a test) above 30, where Knuth's product would underflow.
 */
export function poisson(mean: number, random: () => number): number {
  if (mean > 30) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

/** Windows of `QUARTER` from `start`, one per count. */
export function windows(counts: readonly number[], start = MONDAY): WindowCount[] {
  return counts.map((count, index) => ({
    start: start + index * QUARTER,
    end: start + (index + 1) * QUARTER,
    count,
  }));
}

/** `count` windows of Poisson noise around `mean(start)` from `start`. */
export function noisy(
  count: number,
  mean: (start: number) => number,
  seed = 1,
  start = MONDAY,
): WindowCount[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, index) => {
    const at = start + index * QUARTER;
    return { start: at, end: at + QUARTER, count: poisson(mean(at), random) };
  });
}

/** The window after the last of `history`, holding `count`. */
export function next(history: readonly WindowCount[], count: number): WindowCount {
  const start = (history.at(-1)?.end ?? MONDAY) as number;
  return { start, end: start + QUARTER, count };
}

/** Busy on weekdays from 08:00 to 18:00 UTC (`busy` per window), quiet otherwise. */
export function officeHours(busy: number, quiet: number): (start: number) => number {
  return (start) => {
    const date = new Date(start * 1000);
    const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
    const hour = date.getUTCHours();
    return weekday && hour >= 8 && hour < 18 ? busy : quiet;
  };
}
