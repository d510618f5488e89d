import { setTimeout as delay } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { RunResult } from '#shared/collector/run.js';

/** Consecutive failed runs after which the backfill gives up (each retried after a pause). */
const MAX_FAILURES = 3;

/**
 * Runs the collector until it has caught up, showing progress in minutes of history. A failed
 * run loses nothing, so it is simply run again after a pause, a few times at most.
 */
export async function backfill(
  collect: () => Promise<RunResult[]>,
  historyStart: number,
  nowSeconds: () => number,
): Promise<RunResult[]> {
  const total = Math.max(1, Math.floor((nowSeconds() - historyStart) / 60));
  const bar = new SingleBar({
    format: 'Backfilling |{bar}| {percentage}% | {value}/{total} minutes | {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0);
  const runs: RunResult[] = [];
  try {
    let failures = 0;
    for (;;) {
      let results: RunResult[];
      try {
        results = await collect();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures >= MAX_FAILURES) throw error;
        await delay(2000);
        continue;
      }
      runs.push(...results);
      const state = results[0]?.state;
      const done = Math.floor(((state?.collectedUntil ?? historyStart) - historyStart) / 60);
      bar.setTotal(Math.max(total, done));
      bar.update(done);
      if (results.every((result) => result.caughtUp)) break;
    }
  } finally {
    bar.stop();
  }
  return runs;
}
