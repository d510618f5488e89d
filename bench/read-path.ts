import { performance } from 'node:perf_hooks';
import { startLocalDynamo } from '#local/dynamo-server.js';
import { answerQuery } from '#shared/answer/answer.js';
import { parseBucketQuery } from '#shared/buckets/query.js';
import { DynamoHistoryStore } from '#shared/history/dynamo-store.js';
import { withRunningTotals } from '#shared/history/minutes.js';
import type { HistoryStore } from '#shared/history/store.js';

const SOURCE = 'bench';
const YEAR_START = Date.UTC(2025, 0, 1) / 1000;
const CACHE = { freshMaxAgeSeconds: 300, settledMaxAgeSeconds: 3600 };

/** Stores `days` of minute history, a day per batch, returning how long it took. */
async function fillHistory(store: HistoryStore, days: number): Promise<number> {
  const started = performance.now();
  let total = 0;
  for (let day = 0; day < days; day += 1) {
    const first = YEAR_START + day * 86_400;
    const counts = Array.from({ length: 1440 }, (_, index) => ({
      minute: first + index * 60,
      count: 50 + ((first + index * 60) % 97),
    }));
    await store.writeMinutes(SOURCE, withRunningTotals(counts, total));
    for (const { count } of counts) total += count;
  }
  await store.acquireLease(SOURCE, 'bench', 0, 60);
  await store.commitState(SOURCE, 'bench', {
    firstMinute: YEAR_START,
    collectedUntil: YEAR_START + days * 86_400,
    checkpoint: YEAR_START + days * 86_400,
  });
  await store.releaseLease(SOURCE, 'bench');
  return performance.now() - started;
}

/** Median wall time of `repeat` calls of `work`. */
async function medianMs(repeat: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeat; index += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/**
 * Items read and time per API answer, by range, with bucketCount 100: this service's running
 * totals (one item per bucket edge) beside a naive design that queries every minute of the
 * range and sums. Runs against dynalite in this process, so times are relative, not AWS's.
 */
export async function readPathBench(options: { days?: number } = {}): Promise<void> {
  const days = options.days ?? 365;
  const dynamo = await startLocalDynamo('bench');
  const store = new DynamoHistoryStore({ client: dynamo.client, tableName: 'bench' });
  console.log(`Filling ${days} days of minute history (${days * 1440} items)...`);
  const fillMs = await fillHistory(store, days);
  console.log(
    `Filled in ${(fillMs / 1000).toFixed(1)} s ` +
      `(${((days * 1440) / (fillMs / 1000)).toFixed(0)} items/s)`,
  );

  const rows = [];
  for (const rangeDays of [1, 7, 30, 365].filter((d) => d <= days)) {
    const from = YEAR_START + 7;
    const to = from + rangeDays * 86_400 - 7;
    const query = parseBucketQuery({ fromDate: `${from}`, toDate: `${to}`, bucketCount: '100' });
    let itemsRead = 0;
    const answerMs = await medianMs(5, async () => {
      itemsRead = (await answerQuery(query, SOURCE, store, CACHE)).itemsRead;
    });
    let scanned = 0;
    const scanMs = await medianMs(rangeDays > 30 ? 1 : 3, async () => {
      scanned = (await store.readRange(SOURCE, from - (from % 60), to)).length;
    });
    rows.push({
      range: `${rangeDays} d`,
      'running totals: items': itemsRead,
      'running totals: ms': Number(answerMs.toFixed(1)),
      'naive scan: items': scanned,
      'naive scan: ms': Number(scanMs.toFixed(0)),
    });
  }
  console.table(rows);
  await dynamo.close();
}
