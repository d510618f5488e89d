/**
 * How rare a prediction error is, judged from the errors a series has made before. The largest
 * past errors (the "peaks" over a high quantile) are fitted with a generalised Pareto
 * distribution, the law extreme-value theory gives for the tail of almost any noise; the fit
 * then says how likely an error at least as large is, even beyond anything seen so far. This is
 * the peaks-over-threshold method (Siffer et al., "Anomaly Detection in Streams with Extreme
 * Value Theory", KDD 2017), so a series with frequent bursts needs a far larger burst to alert
 * than a steady one.
 */

/** A fitted tail: P(error > x) for x above `threshold`. */
export interface TailModel {
  /** The error above which the tail is modelled. */
  readonly threshold: number;
  /** Share of past errors above `threshold`. */
  readonly rate: number;
  /** Generalised Pareto shape: 0 is an exponential tail, above 0 heavier, below 0 bounded. */
  readonly shape: number;
  /** Generalised Pareto scale. */
  readonly scale: number;
}

/**
 * Shape bounds: the probability-weighted-moment fit is valid below 1, and a shape far below 0
 * would claim a hard upper limit that a few dozen peaks cannot establish.
 */
const MIN_SHAPE = 0;
const MAX_SHAPE = 0.9;

/**
 * Fits the generalised Pareto distribution to `excesses` (peaks minus the threshold, sorted
 * ascending) by probability-weighted moments (Hosking and Wallis, 1987), which stay sane on the
 * few dozen peaks a month of history gives, unlike maximum likelihood.
 */
export function fitExcesses(excesses: readonly number[]): { shape: number; scale: number } {
  const count = excesses.length;
  let mean = 0;
  let weighted = 0;
  excesses.forEach((excess, rank) => {
    mean += excess / count;
    weighted += (excess * (count - 1 - rank)) / ((count - 1) * count);
  });
  const spread = mean - 2 * weighted;
  if (!(mean > 0) || count < 2) {
    return { shape: 0, scale: 0 };
  }
  const shape =
    spread > 0 ? Math.min(Math.max(2 - mean / spread, MIN_SHAPE), MAX_SHAPE) : MAX_SHAPE;
  // Given the shape, the scale follows from the mean excess, sigma / (1 - shape).
  return { shape, scale: mean * (1 - shape) };
}

/** The tail model of errors whose largest values are `peaks` (ascending) out of `total`. */
export function tailModel(threshold: number, peaks: readonly number[], total: number): TailModel {
  const { shape, scale } = fitExcesses(peaks.map((peak) => peak - threshold));
  return { threshold, rate: peaks.length / total, shape, scale };
}

/**
 * log10 of the probability of an error of at least `error` under `model`; errors at or below
 * the threshold are not rare enough to matter and get the threshold's own probability.
 */
export function log10Rarity(model: TailModel, error: number): number {
  const excess = error - model.threshold;
  const base = Math.log10(model.rate);
  if (excess <= 0) {
    return base;
  }
  if (model.scale <= 0) {
    return Number.NEGATIVE_INFINITY;
  }
  if (Math.abs(model.shape) < 1e-6) {
    return base - excess / model.scale / Math.LN10;
  }
  const growth = 1 + (model.shape * excess) / model.scale;
  if (growth <= 0) {
    return Number.NEGATIVE_INFINITY;
  }
  return base - Math.log10(growth) / model.shape;
}

/**
 * Coefficients of the Numerical Recipes Chebyshev fit of the complementary error function
 * (relative error below 1.2e-7 everywhere), lowest power first.
 */
const ERFC_FIT = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/**
 * log10 of P(Z >= z) for a standard normal Z: the rarity of a deviation of z standard
 * deviations under Gaussian noise, kept in log form so it stays exact far into the tail where
 * the probability itself underflows.
 */
export function log10NormalTail(z: number): number {
  if (z < 0) {
    return Math.log10(1 - 10 ** log10NormalTail(-z));
  }
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const series = ERFC_FIT.reduceRight((sum, coefficient) => sum * t + coefficient, 0);
  // erfc(x) = t * exp(series - x^2), and P(Z >= z) = erfc(z / sqrt 2) / 2.
  return (Math.log(t) + series - x * x) / Math.LN10 - Math.log10(2);
}
