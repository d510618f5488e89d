import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.js';
import { SAMPLE_DAY, simulatorOf, storedCounts, testStack } from '#test/support/local-stack.js';

const HOUR = 3600;
let stack: (LocalStack & { clock: { advance(seconds: number): void } }) | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function get(
  path: string,
): Promise<{ status: number; body: Record<string, number>; headers: Headers }> {
  const response = await fetch(`${stack?.apiUrl}${path}`);
  const body = (await response.json()) as Record<string, number>;
  return { status: response.status, body, headers: response.headers };
}

function truthTotal(from: number, to: number): number {
  return simulatorOf(stackOrFail())
    .control.truth(from, to)
    .reduce((sum, { count }) => sum + count, 0);
}

function stackOrFail() {
  if (stack === undefined) throw new Error('no stack');
  return stack;
}

describe('the local stack, end to end', () => {
  it('backfills a day and serves the simulator truth in Qualys buckets', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 25 * HOUR });

    const [run] = await stack.collect();
    const day = await get(
      `/ioc/v1/events/count/time-buckets?fromDate=${SAMPLE_DAY}` +
        `&toDate=${SAMPLE_DAY + 24 * HOUR}&bucketCount=24`,
    );
    const sample = await get(
      '/ioc/events/count/time-buckets?fromDate=1764134321&toDate=1764145121&bucketCount=5',
    );

    expect(run).toMatchObject({ status: 'collected', minutes: 25 * 60, caughtUp: true });
    expect(Object.values(day.body)).toEqual(
      Array.from({ length: 24 }, (_, hour) =>
        truthTotal(SAMPLE_DAY + hour * HOUR, SAMPLE_DAY + (hour + 1) * HOUR),
      ),
    );
    expect(day.headers.get('x-coverage-complete')).toBe('true');
    expect(Object.keys(sample.body)[0]).toBe('2025-11-26T04:48:00.000Z_2025-11-26T05:24:00.000Z');
    expect(Object.keys(sample.body)).toHaveLength(5);
  });

  it('waits out a 429 with a wait header, then completes the run', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 2 * HOUR });
    const simulator = simulatorOf(stack);
    simulator.control.inject({ kind: 'rateLimited', waitSeconds: 1 });
    const started = Date.now();

    const [run] = await stack.collect();

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(simulator.control.stats().faults).toEqual({ rateLimited: 1 });
    expect(run).toMatchObject({ status: 'collected', minutes: 120 });
  });

  it('renews an expired token exactly once and completes the run', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 2 * HOUR });
    const simulator = simulatorOf(stack);
    await stack.collect();
    simulator.control.expireTokens();
    stack.clock.advance(600);

    const [run] = await stack.collect();

    expect(simulator.control.stats().requests['/auth']).toBe(2);
    expect(run).toMatchObject({ status: 'collected' });
    expect(run?.state.collectedUntil).toBe(SAMPLE_DAY + 2 * HOUR + 600);
  });

  it('converges a minute that gains late events upstream', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 10 * HOUR });
    const simulator = simulatorOf(stack);
    const minute = SAMPLE_DAY + 10 * HOUR - 60;
    await stack.collect();
    const early = (await storedCounts(stack, minute, minute + 60)).get(minute);

    stack.clock.advance(20 * 60);
    await stack.collect();

    const [truth] = simulator.control.truth(minute, minute + 60);
    expect(early).toBeLessThan(truth?.count ?? 0);
    expect((await storedCounts(stack, minute, minute + 60)).get(minute)).toBe(truth?.count);
  });

  it('loses nothing when a run fails mid-backfill; the next run matches the truth', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 12 * HOUR, env: { CHUNK_MINUTES: '60' } });
    const simulator = simulatorOf(stack);
    simulator.control.inject({ kind: 'slow', delayMs: 0, times: 3 });
    simulator.control.inject({ kind: 'malformed', shape: 'missingMinute' });

    await expect(stack.collect()).rejects.toThrow(/failed to collect/);
    const afterFailure = await stack.store.readState(stack.sourceName);
    await stack.collect();

    expect(afterFailure.collectedUntil).toBe(SAMPLE_DAY + 3 * HOUR);
    const stored = await storedCounts(stack, SAMPLE_DAY, SAMPLE_DAY + 12 * HOUR);
    const settledEnd = SAMPLE_DAY + 12 * HOUR - 15 * 60;
    const truth = simulator.control.truth(SAMPLE_DAY, settledEnd);
    expect(truth.map(({ minute }) => stored.get(minute))).toEqual(truth.map(({ count }) => count));
  });

  it('changes no stored value when a run repeats over the same window', async () => {
    stack = await testStack({ startAt: SAMPLE_DAY + 6 * HOUR });
    await stack.collect();
    const before = await stack.store.readRange(stack.sourceName, 0, Number.MAX_SAFE_INTEGER);

    const [again] = await stack.collect();

    expect(again?.minutes).toBeGreaterThan(0);
    expect(await stack.store.readRange(stack.sourceName, 0, Number.MAX_SAFE_INTEGER)).toEqual(
      before,
    );
  });
});
