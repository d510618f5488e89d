import type { CumulativeCount } from '../buckets/count.js';
import { MINUTE_MS, MINUTE_SECONDS } from '../time.js';
import { HistoryGapError } from './store.js';

/**
 * One stored minute of history. `before` is the running total of every stored minute before
 * this one (0 for the first), so the events between two instants are a difference of two
 * running totals: an answer reads one item per bucket edge, whatever the range.
 */
export interface StoredMinute {
  /** Minute start, epoch seconds (a multiple of 60). */
  minute: number;
  /** Events in this minute; 0 is stored, so "no events" differs from "not collected". */
  count: number;
  /** Running total of all earlier stored minutes. */
  before: number;
}

/** The collected span of a source's history, [fromMs, toMs), or undefined before any. */
export type Coverage = { fromMs: number; toMs: number } | undefined;

/** Adds running totals to consecutive minute counts, starting from `before` of the first. */
export function withRunningTotals(
  counts: readonly { minute: number; count: number }[],
  before: number,
): StoredMinute[] {
  let total = before;
  return counts.map(({ minute, count }) => {
    const stored = { minute, count, before: total };
    total += count;
    return stored;
  });
}

function clampToCoverage(epochMs: number, coverage: { fromMs: number; toMs: number }): number {
  return Math.min(Math.max(epochMs, coverage.fromMs), coverage.toMs);
}

/**
 * The minute items needed to know the running total at each instant: one per instant. An
 * instant at the end of coverage is read from the last minute (its before + count); any other
 * from the minute that holds it. Instants outside coverage are clamped to it.
 */
export function minutesToRead(instantsMs: readonly number[], coverage: Coverage): number[] {
  if (coverage === undefined) return [];
  const minutes = new Set<number>();
  for (const instant of instantsMs) {
    const clamped = clampToCoverage(instant, coverage);
    const holder = clamped === coverage.toMs ? clamped - MINUTE_MS : clamped;
    minutes.add(Math.floor(holder / MINUTE_MS) * MINUTE_SECONDS);
  }
  return [...minutes].sort((a, b) => a - b);
}

/**
 * The running total at any instant, from the items `minutesToRead` named. Inside a minute the
 * minute's count is prorated linearly. Outside coverage nothing is counted: the answer says so
 * in its coverage header instead of inventing events.
 */
export function cumulativeFromMinutes(
  items: ReadonlyMap<number, StoredMinute>,
  coverage: Coverage,
): CumulativeCount {
  return (epochMs) => {
    if (coverage === undefined) return 0;
    const clamped = clampToCoverage(epochMs, coverage);
    const atEnd = clamped === coverage.toMs;
    const minute = Math.floor((atEnd ? clamped - MINUTE_MS : clamped) / MINUTE_MS) * MINUTE_SECONDS;
    const item = items.get(minute);
    if (item === undefined) {
      const message = `minute ${minute} is missing from the items read`;
      throw new HistoryGapError(`${message}: the history has a gap or minutesToRead was skipped`);
    }
    if (atEnd) return item.before + item.count;
    return item.before + ((clamped - minute * 1000) / MINUTE_MS) * item.count;
  };
}
