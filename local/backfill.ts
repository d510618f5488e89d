import { setTimeout as delay } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import type { RunResult } from '#shared/collector/run.js';

/** Consecutive failed runs after which the backfill gives up (each retried after a pause). */
const MAX_FAILURES = 3;

/** How often the bar reads the stored progress while a run works. */
const POLL_MS = 250;

/** What the backfill drives and watches. */
export interface BackfillTarget {
  /** Invokes the collector once. */
  collect(): Promise<RunResult[]>;
  /** End of stored history (epoch seconds), as the collector commits it after each chunk. */
  collectedUntil(): Promise<number | undefined>;
}

/**
 * Runs the collector until it has caught up. The bar follows the state the collector commits
 * after every chunk, so it moves while a long run works. A failed run loses nothing, so it is
 * simply run again after a pause, a few times at most.
 */
export async function backfill(
  target: BackfillTarget,
  historyStart: number,
  nowSeconds: () => number,
): Promise<void> {
  const minutesDone = async () =>
    Math.floor(((await target.collectedUntil()) ?? historyStart) / 60 - historyStart / 60);
  const bar = new SingleBar({
    format: 'Backfilling |{bar}| {percentage}% | {value}/{total} minutes | {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(Math.max(1, Math.floor((nowSeconds() - historyStart) / 60)), await minutesDone());
  const poll = setInterval(() => {
    minutesDone()
      .then((done) => bar.update(done))
      .catch(() => undefined);
  }, POLL_MS);

  try {
    let failures = 0;
    for (;;) {
      try {
        const results = await target.collect();
        failures = 0;
        bar.setTotal(Math.max(1, Math.floor((nowSeconds() - historyStart) / 60)));
        if (results.every((result) => result.caughtUp)) break;
      } catch (error) {
        failures += 1;
        if (failures >= MAX_FAILURES) throw error;
        await delay(2000);
      }
    }
    // Caught up: history reaches the last whole minute, which is the whole of the bar.
    const done = await minutesDone();
    bar.setTotal(done);
    bar.update(done);
  } finally {
    clearInterval(poll);
    bar.stop();
  }
}
