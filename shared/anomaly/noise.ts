/**
 * What a source's own history says about how rare a prediction error is. Errors are judged at
 * several time scales at once (one window, and the mean of the last few and many windows), so
 * both a sharp spike and a long moderate shift or outage stand out. For each scale the model
 * keeps three weeks of past mean errors and fits their tail (see `tail.ts`).
 */
import { SlidingSample } from './robust.js';
import { POISSON_NOISE } from './stabilise.js';
import { log10NormalTail, log10Rarity, tailModel } from './tail.js';

const DAY = 86_400;

/**
 * Windows averaged at each scale: 1, 4 and 16 windows (15 minutes, 1 hour and 4 hours at the
 * service's 15-minute windows). Powers of four keep the scales few and far enough apart.
 */
export const SCALES = [1, 4, 16] as const;

const LARGEST_SCALE = Math.max(...SCALES);

/**
 * Past errors kept: three weeks, long enough to have seen a few bursts of a bursty source, short
 * enough that the larger errors of the simpler baselines of a source's first weeks are
 * forgotten soon after the weekly baseline takes over.
 */
const NOISE_SPAN = 21 * DAY;

/**
 * Errors join the model only a day after their window, so an incident in progress does not
 * teach the detector that it is normal (which would close its alert while it lasts).
 */
const NOISE_DELAY = DAY;

/** The largest 2% of errors form the tail, the starting quantile Siffer et al. recommend. */
const PEAK_SHARE = 0.02;

/**
 * At least ten independent peaks are needed to fit a tail. The means of a scale of k windows
 * overlap, so k times as many of them hold about as much evidence as ten single windows.
 */
const MIN_PEAKS = 10;

/** Past errors (times the scale) needed before a scale is judged at all. */
export const MIN_ERRORS = 50;

/** Which side of the expected value an error lies on. */
export type Direction = 'up' | 'down';

/** The tails of past errors, at every scale, of one source. */
export class NoiseModel {
  private readonly samples = SCALES.map(() => new SlidingSample(NOISE_SPAN));
  private readonly errors: number[] = [];
  private readonly pending: { readonly at: number; readonly means: (number | undefined)[] }[] = [];

  /** @param counts whether the source holds counts, whose noise is at least Poisson noise */
  constructor(private readonly counts: () => boolean) {}

  /** Whether enough errors have been learned to judge a window. */
  get ready(): boolean {
    return (this.samples[0]?.size ?? 0) >= MIN_ERRORS;
  }

  /**
   * log10 of the probability of an error at least as far from expected as `error` (the
   * newest window's, on the stabilised scale) in `direction`, at the scale where it is rarest,
   * corrected for having looked at several scales.
   */
  log10Rarity(error: number, direction: Direction): number {
    const sign = direction === 'up' ? 1 : -1;
    let rarest = 0;
    SCALES.forEach((scale, index) => {
      const mean = this.meanError(scale, error);
      const sample = this.samples[index];
      if (mean === undefined || sample === undefined || sample.size < MIN_ERRORS * scale) {
        return;
      }
      // A longer scale only backs the newest window when that window itself leans the same
      // way: otherwise a past spike, still in the mean of the last hours, would make every
      // later window (a silent one included) look like a spike until it left the mean.
      const evidence = Math.min(sign * mean, sign * error);
      rarest = Math.min(rarest, this.rarityAt(sample, scale, evidence, direction));
    });
    return Math.min(rarest + Math.log10(SCALES.length), 0);
  }

  /** Records the newest window's error (at `at`, epoch seconds) once it has been judged. */
  learn(at: number, error: number): void {
    const means = SCALES.map((scale) => this.meanError(scale, error));
    this.errors.push(error);
    if (this.errors.length > 4 * LARGEST_SCALE) {
      this.errors.splice(0, this.errors.length - LARGEST_SCALE);
    }
    this.pending.push({ at, means });

    while ((this.pending[0]?.at ?? Number.POSITIVE_INFINITY) <= at - NOISE_DELAY) {
      const ripe = this.pending.shift();
      ripe?.means.forEach((mean, index) => {
        if (mean !== undefined) {
          this.samples[index]?.add(ripe.at, mean);
        }
      });
    }
  }

  /** Mean error of the newest `scale` windows, the newest being `newest`. */
  private meanError(scale: number, newest: number): number | undefined {
    if (this.errors.length < scale - 1) {
      return undefined;
    }
    let sum = newest;
    for (let back = 1; back < scale; back += 1) {
      sum += this.errors[this.errors.length - back] ?? 0;
    }
    return sum / scale;
  }

  private rarityAt(
    sample: SlidingSample,
    scale: number,
    error: number,
    direction: Direction,
  ): number {
    const total = sample.size;
    const peakCount = Math.max(MIN_PEAKS * scale, Math.ceil(PEAK_SHARE * total));
    const extremes =
      direction === 'up'
        ? sample.largest(peakCount + 1)
        : sample
            .smallest(peakCount + 1)
            .map((value) => -value)
            .reverse();
    const [threshold = 0, ...peaks] = extremes;

    const seen =
      error > threshold
        ? log10Rarity(tailModel(threshold, peaks, total), error)
        : Math.log10((this.countBeyond(sample, error, direction) + 1) / (total + 1));
    if (!this.counts()) {
      return seen;
    }
    // The mean of k stabilised Poisson errors has a standard deviation of 1 / sqrt(k).
    return Math.max(seen, log10NormalTail((error * Math.sqrt(scale)) / POISSON_NOISE));
  }

  private countBeyond(sample: SlidingSample, error: number, direction: Direction): number {
    return direction === 'up' ? sample.countAtLeast(error) : sample.countAtMost(-error);
  }
}
