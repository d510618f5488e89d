import { coverageOf } from './coverage.js';
import { cumulativeFromMinutes, minutesToRead } from './minutes.js';
import type { HistoryStore, SourceState } from './store.js';

/** Events in one window [start, end), epoch seconds. */
export interface WindowTotal {
  start: number;
  end: number;
  count: number;
}

/**
 * Event counts of windows of `windowSeconds` (a multiple of 60) aligned to the epoch, over
 * [fromSeconds, toSeconds), from the running totals: one item read per window edge instead of
 * every minute. Only windows wholly inside collected history come out, since "not collected"
 * is not "no events".
 */
export async function readWindowTotals(
  store: HistoryStore,
  source: string,
  state: SourceState,
  windowSeconds: number,
  fromSeconds: number,
  toSeconds: number,
): Promise<WindowTotal[]> {
  const coverage = coverageOf(state);
  if (coverage === undefined) return [];
  const first = Math.ceil(Math.max(fromSeconds, coverage.fromMs / 1000) / windowSeconds);
  const last = Math.floor(Math.min(toSeconds, coverage.toMs / 1000) / windowSeconds);
  if (last <= first) return [];

  const edgesMs = Array.from(
    { length: last - first + 1 },
    (_, i) => (first + i) * windowSeconds * 1000,
  );
  const items = await store.readMinutes(source, minutesToRead(edgesMs, coverage));
  const total = cumulativeFromMinutes(items, coverage);

  return edgesMs.slice(1).map((endMs, index) => {
    const startMs = edgesMs[index] ?? endMs;
    return { start: startMs / 1000, end: endMs / 1000, count: total(endMs) - total(startMs) };
  });
}
