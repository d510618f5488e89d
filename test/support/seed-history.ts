import { withRunningTotals } from '#shared/history/minutes.js';
import type { HistoryStore } from '#shared/history/store.js';

/**
 * Stores `counts` as the history of `source` from `firstMinute` (epoch seconds), with the
 * state a collector would leave: collected to the end, settled up to `checkpoint`.
 */
export async function seedHistory(
  store: HistoryStore,
  source: string,
  firstMinute: number,
  counts: readonly number[],
  checkpoint = firstMinute + 60 * counts.length,
): Promise<void> {
  const minutes = counts.map((count, index) => ({ minute: firstMinute + 60 * index, count }));
  await store.writeMinutes(source, withRunningTotals(minutes, 0));
  await store.acquireLease(source, 'seed', 0, 60);
  await store.commitState(source, 'seed', {
    firstMinute,
    collectedUntil: firstMinute + 60 * counts.length,
    checkpoint,
  });
  await store.releaseLease(source, 'seed');
}
