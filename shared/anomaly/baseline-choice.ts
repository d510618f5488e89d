/**
 * Picks, window by window, the baseline that has lately predicted the source best: a source
 * with a strong weekly rhythm gets the weekly baseline, a steady one the recent past, and a week
 * with a holiday in it does not spoil the weeks after it for long.
 */
import type { Baseline } from './baseline.js';
import { SlidingSample } from './robust.js';
import type { BaselineName } from './types.js';

/** A day of errors: long enough to cover one turn of the daily rhythm. */
const SELECTION_SPAN = 86_400;

/** Errors a baseline needs to have made before its record counts. */
const MIN_RECORD = 12;

/**
 * A less specific baseline takes over only with errors below 90% of the more specific one's,
 * so a quiet day that all baselines predict about equally well does not unseat the seasonal one.
 */
const CLEARLY_SMALLER = 0.9;

/** Keeps each baseline's record of errors and picks the best. */
export class BaselineChooser {
  private readonly records = new Map<BaselineName, SlidingSample>();

  /**
   * The most specific candidate (candidates come most specific first), unless a less specific
   * one has had a clearly smaller median error over the last day.
   */
  choose(candidates: readonly Baseline[]): Baseline | undefined {
    let best: Baseline | undefined;
    let bestError = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const error = this.medianError(candidate.name);
      if (error < (best === undefined ? bestError : CLEARLY_SMALLER * bestError)) {
        best = candidate;
        bestError = error;
      }
    }
    return best ?? candidates[0];
  }

  /** Records how far each candidate was from `value`, the window's stabilised count. */
  learn(at: number, value: number, candidates: readonly Baseline[]): void {
    for (const candidate of candidates) {
      let record = this.records.get(candidate.name);
      if (record === undefined) {
        record = new SlidingSample(SELECTION_SPAN);
        this.records.set(candidate.name, record);
      }
      record.add(at, Math.abs(value - candidate.expected));
    }
  }

  /** Median error of a baseline over the last day, or NaN while its record is too short. */
  private medianError(name: BaselineName): number {
    const record = this.records.get(name);
    return record !== undefined && record.size >= MIN_RECORD ? record.quantile(0.5) : Number.NaN;
  }
}
