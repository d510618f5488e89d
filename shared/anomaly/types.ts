/** Types shared by the anomaly detector, its alert lifecycle and the handler that calls them. */

/**
 * What is wrong with a source's event counts:
 * - `spike`: far more events than expected;
 * - `drop`: far fewer than expected, but not close to none;
 * - `silence`: (almost) no events where many are expected;
 * - `stalled`: collection itself stopped (decided from the collector checkpoint, not from counts).
 */
export type AnomalyKind = 'spike' | 'drop' | 'silence' | 'stalled';

/** Every anomaly kind, in a stable order. */
export const ANOMALY_KINDS = ['spike', 'drop', 'silence', 'stalled'] as const;

/** The kinds the detector derives from counts (all but `stalled`). */
export type CountAnomalyKind = Exclude<AnomalyKind, 'stalled'>;

/**
 * The count of one evaluation window (for the service, minute history summed over e.g. 15
 * minutes; for the benchmark, one row of a labelled series).
 */
export interface WindowCount {
  /** Start of the window, epoch seconds. */
  readonly start: number;
  /** End of the window (exclusive), epoch seconds. */
  readonly end: number;
  /** Events counted in the window (any non-negative measure also works). */
  readonly count: number;
}

/** A judgement of one window, the input of the alert lifecycle. */
export interface Judgement {
  /** Start of the window, epoch seconds. */
  readonly start: number;
  /** End of the window (exclusive), epoch seconds. */
  readonly end: number;
  readonly observed: number;
  /** What the baseline expected, in the unit of `observed`. */
  readonly expected: number;
  /**
   * How anomalous the window is, from 0 (as expected) to 1 (as far off as can be); the window
   * alerts when the score reaches the threshold derived from the sensitivity.
   */
  readonly score: number;
  /** The kind of anomaly, or undefined when the window is normal (or the kind is disabled). */
  readonly kind: AnomalyKind | undefined;
}

/** The detector's judgement of one window of counts, anomalous or not. */
export interface Assessment extends Judgement {
  readonly kind: CountAnomalyKind | undefined;
  /** Which baseline produced `expected`. */
  readonly baseline: BaselineName;
}

/** An anomalous window: an assessment whose kind is set. */
export interface Finding extends Assessment {
  readonly kind: CountAnomalyKind;
}

/**
 * The baseline behind an expected value: the same time of week over past weeks, the same time
 * of day over past days, or the recent past (the only one in a source's first days); `none`
 * before there is any history.
 */
export type BaselineName = 'weekly' | 'daily' | 'recent' | 'none';
