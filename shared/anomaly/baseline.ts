/**
 * Candidate expected values of a window, from history before it: the median of the same time of
 * week over past weeks, of the same time of day over past days, and of the recent past. Medians
 * ignore past anomalies as long as they fill less than half of the sample, so an old spike or
 * outage does not shift the baseline.
 */
import { lowerBound, median } from './robust.js';
import type { BaselineName } from './types.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** How the baselines sample history; every span is in seconds. */
export interface BaselineOptions {
  /** Half-width of the time-of-day slot: values within it of the same time count as "same". */
  readonly slotHalfWidth: number;
  /** Past weeks sampled by the weekly baseline. */
  readonly weeks: number;
  /** Past days sampled by the daily baseline. */
  readonly days: number;
  /** Cycles (weeks or days) with data needed before a seasonal baseline is offered. */
  readonly minCycles: number;
  /** Span of the recent-past baseline. */
  readonly recentSpan: number;
}

export const DEFAULT_BASELINE: BaselineOptions = {
  // An hour-wide slot: wide enough to hold several values per cycle at 5 to 30 minute windows,
  // narrow enough that the daily rise and fall within it stays small.
  slotHalfWidth: HOUR / 2,
  // Four weeks: a month of the same weekday, so one odd week (a holiday) is outvoted.
  weeks: 4,
  // One week of days: each day of the week once, so no day of the week weighs more than another.
  days: 7,
  // Three cycles: the least for which a median outvotes one anomalous cycle.
  minCycles: 3,
  // Six hours: long enough for a stable median, short enough to follow a daily rhythm roughly.
  recentSpan: 6 * HOUR,
};

/** Past windows in time order, on the stabilised scale. */
export interface History {
  readonly starts: readonly number[];
  readonly values: readonly number[];
}

/** An expected value on the stabilised scale and the baseline that gave it. */
export interface Baseline {
  readonly name: BaselineName;
  readonly expected: number;
}

/** Values of `history` whose start lies in [from, to). */
function valuesBetween(history: History, from: number, to: number): number[] {
  const first = lowerBound(history.starts, from);
  const end = lowerBound(history.starts, to);
  return history.values.slice(first, end);
}

/** Same-slot values over past cycles of `period`, or undefined when too few cycles have data. */
function seasonalSample(
  history: History,
  at: number,
  period: number,
  cycles: number,
  options: BaselineOptions,
): number[] | undefined {
  const sample: number[] = [];
  let cyclesWithData = 0;
  for (let cycle = 1; cycle <= cycles; cycle += 1) {
    const centre = at - cycle * period;
    const values = valuesBetween(
      history,
      centre - options.slotHalfWidth,
      centre + options.slotHalfWidth + 1,
    );
    cyclesWithData += values.length > 0 ? 1 : 0;
    sample.push(...values);
  }
  return cyclesWithData >= options.minCycles ? sample : undefined;
}

/** The baselines available for a window starting at `at`, most specific first. */
export function baselinesAt(
  history: History,
  at: number,
  options: BaselineOptions = DEFAULT_BASELINE,
): Baseline[] {
  const baselines: Baseline[] = [];
  const weekly = seasonalSample(history, at, WEEK, options.weeks, options);
  if (weekly !== undefined) {
    baselines.push({ name: 'weekly', expected: median(weekly) });
  }
  const daily = seasonalSample(history, at, DAY, options.days, options);
  if (daily !== undefined) {
    baselines.push({ name: 'daily', expected: median(daily) });
  }
  const recent = valuesBetween(history, at - options.recentSpan, at);
  if (recent.length > 0) {
    baselines.push({ name: 'recent', expected: median(recent) });
  }
  return baselines;
}
