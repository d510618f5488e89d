/**
 * The Anscombe transform, which makes count noise the same size at every volume: a Poisson
 * count x has 2·sqrt(x + 3/8) with a standard deviation close to 1, whatever its mean. Judging
 * deviations on that scale makes the deviation needed to alert grow with sqrt(expected), so a
 * quiet source is not flagged for the ordinary jitter of small numbers.
 */

/** 3/8 is Anscombe's offset, which keeps the variance near 1 down to means of a few events. */
const OFFSET = 3 / 8;

/** The transformed value of zero, the centre of the mirror used for negative values. */
const ZERO = 2 * Math.sqrt(OFFSET);

/** Moves a count to the variance-stabilised scale (mirrored below zero for other measures). */
export function stabilise(count: number): number {
  if (count >= 0) {
    return 2 * Math.sqrt(count + OFFSET);
  }
  return 2 * ZERO - 2 * Math.sqrt(-count + OFFSET);
}

/** The inverse of `stabilise`. */
export function destabilise(value: number): number {
  if (value >= ZERO) {
    return (value / 2) ** 2 - OFFSET;
  }
  return -(((2 * ZERO - value) / 2) ** 2 - OFFSET);
}

/**
 * Standard deviation of Poisson noise on the stabilised scale: the least spread a count series
 * can have. It does not apply to measures that are not counts (rates, percentages, latencies).
 */
export const POISSON_NOISE = 1;
