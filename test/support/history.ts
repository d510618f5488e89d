import type { CumulativeCount } from '#shared/buckets/count.js';
import {
  type Coverage,
  cumulativeFromMinutes,
  type StoredMinute,
  withRunningTotals,
} from '#shared/history/minutes.js';

/** Minute history held in memory, for tests of the bucket math. */
export interface MemoryHistory {
  coverage: Coverage;
  items: Map<number, StoredMinute>;
  cumulative: CumulativeCount;
}

/** History of `counts[i]` events in the minute starting at `firstMinute + 60 * i` (seconds). */
export function memoryHistory(firstMinute: number, counts: readonly number[]): MemoryHistory {
  const minutes = counts.map((count, index) => ({ minute: firstMinute + 60 * index, count }));
  const items = new Map(withRunningTotals(minutes, 0).map((item) => [item.minute, item]));
  const coverage: Coverage =
    counts.length === 0
      ? undefined
      : { fromMs: firstMinute * 1000, toMs: (firstMinute + 60 * counts.length) * 1000 };
  return { coverage, items, cumulative: cumulativeFromMinutes(items, coverage) };
}

/** Events in [fromMs, toMs) of a history, counting whole minutes only (edges on minutes). */
export function eventsBetween(history: MemoryHistory, fromMs: number, toMs: number): number {
  return history.cumulative(toMs) - history.cumulative(fromMs);
}
