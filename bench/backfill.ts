import { performance } from 'node:perf_hooks';
import { startLocalStack } from '#local/stack.js';

const DAY = 86_400;
const START = Date.UTC(2025, 10, 1) / 1000;

/** One backfill of `days` through the local stack; how long and how many calls it took. */
async function backfillOnce(days: number, chunkMinutes: number) {
  const nowMs = (START + days * DAY) * 1000;
  const stack = await startLocalStack({
    port: 0,
    historyStart: START,
    qualys: { kind: 'simulator', options: { lateShare: 0 } },
    clock: () => new Date(nowMs),
    env: { CHUNK_MINUTES: `${chunkMinutes}`, MAX_MINUTES_PER_RUN: '10080' },
  });
  const started = performance.now();
  let runs = 0;
  for (;;) {
    runs += 1;
    const results = await stack.collect();
    if (results.every((result) => result.caughtUp)) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = stack.simulator?.control.stats().requests['/ioc/v1/events/count/time-buckets'] ?? 0;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  await stack.close();
  return { seconds, runs, calls, heapMb };
}

/**
 * A backfill of 30 days (43,200 minutes) against the Qualys simulator over HTTP into dynalite,
 * through the collector handler exactly as `npm start` runs it, for several chunk sizes side by
 * side. Qualys's own latency and rate limits are not modelled, so this measures our side only.
 */
export async function backfillBench(options: { days?: number } = {}): Promise<void> {
  const days = options.days ?? 30;
  const rows = [];
  for (const chunkMinutes of [60, 120, 240, 720]) {
    const { seconds, runs, calls, heapMb } = await backfillOnce(days, chunkMinutes);
    rows.push({
      'chunk (min)': chunkMinutes,
      'collector runs': runs,
      'Qualys calls': calls,
      seconds: Number(seconds.toFixed(1)),
      'minutes/s': Math.round((days * 1440) / seconds),
      'heap after (MB)': Number(heapMb.toFixed(1)),
    });
  }
  console.log(`Backfill of ${days} days (${days * 1440} minutes) from the simulator:`);
  console.table(rows);
}
