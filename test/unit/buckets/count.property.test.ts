import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBuckets, toQualysAnswer } from '#shared/buckets/count.js';
import { answeredRange, type BucketRequest, planBuckets } from '#shared/buckets/plan.js';
import { memoryHistory } from '#test/support/history.js';

const FIRST_MINUTE = Date.UTC(2025, 10, 26) / 1000;

/** A history of up to five hours and a request around it, edges anywhere to the millisecond. */
const scenario = fc
  .record({
    counts: fc.array(fc.nat(1000), { minLength: 1, maxLength: 300 }),
    fromOffsetMs: fc.integer({ min: -7_200_000, max: 25_000_000 }),
    spanMs: fc.integer({ min: 60_000, max: 30_000_000 }),
    bucketCount: fc.integer({ min: 1, max: 60 }),
    alignment: fc.constantFrom('epoch' as const, 'exact' as const),
  })
  .map(({ counts, fromOffsetMs, spanMs, bucketCount, alignment }) => {
    const fromMs = FIRST_MINUTE * 1000 + fromOffsetMs;
    const request: BucketRequest = { fromMs, toMs: fromMs + spanMs, bucketCount, alignment };
    return { history: memoryHistory(FIRST_MINUTE, counts), request };
  });

describe('bucket math', () => {
  it('returns exactly bucketCount contiguous buckets of one width, in key order', () => {
    fc.assert(
      fc.property(scenario, ({ history, request }) => {
        const plan = planBuckets(request);
        const keys = Object.keys(toQualysAnswer(plan, countBuckets(plan, history.cumulative)));

        expect(keys).toHaveLength(request.bucketCount);
        expect([...keys].sort()).toEqual(keys);
        for (const [index, bucket] of plan.buckets.entries()) {
          expect(bucket.endMs - bucket.startMs).toBe(plan.widthMs);
          const next = plan.buckets[index + 1];
          if (next !== undefined) expect(next.startMs).toBe(bucket.endMs);
        }
      }),
    );
  });

  it('aligns the first bucket to a multiple of the width since the epoch, over fromDate', () => {
    fc.assert(
      fc.property(scenario, ({ request }) => {
        const plan = planBuckets({ ...request, alignment: 'epoch' });
        const first = plan.buckets[0];

        expect(first?.startMs ?? Number.NaN).toBeLessThanOrEqual(request.fromMs);
        expect(first?.endMs ?? Number.NaN).toBeGreaterThan(request.fromMs);
        expect((first?.startMs ?? Number.NaN) % plan.widthMs).toBe(0);
      }),
    );
  });

  it('conserves the total: buckets add up to the rounded count of the answered range', () => {
    fc.assert(
      fc.property(scenario, ({ history, request }) => {
        const plan = planBuckets(request);
        const counts = countBuckets(plan, history.cumulative);
        const range = answeredRange(plan);
        const total = counts.reduce((sum, count) => sum + count, 0);

        const expected =
          range === undefined
            ? 0
            : Math.round(history.cumulative(range.toMs)) -
              Math.round(history.cumulative(range.fromMs));
        expect(total).toBe(expected);
      }),
    );
  });

  it('gives each bucket its prorated share rounded up or down, never negative', () => {
    fc.assert(
      fc.property(scenario, ({ history, request }) => {
        const plan = planBuckets(request);
        const counts = countBuckets(plan, history.cumulative);
        const clip = (ms: number) => Math.min(Math.max(ms, plan.countFromMs), plan.countToMs);

        plan.buckets.forEach((bucket, index) => {
          const exact =
            plan.countFromMs >= plan.countToMs
              ? 0
              : history.cumulative(clip(bucket.endMs)) - history.cumulative(clip(bucket.startMs));
          const count = counts[index] ?? Number.NaN;
          expect(count).toBeGreaterThanOrEqual(0);
          expect(Math.abs(count - exact)).toBeLessThan(1);
        });
      }),
    );
  });

  it('counts whole minutes exactly when every edge falls on a minute', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(500), { minLength: 10, maxLength: 200 }),
        fc.integer({ min: 1, max: 10 }),
        (counts, bucketCount) => {
          // Buckets of whole minutes over the whole history, aligned exactly to its start.
          const minutesPerBucket = Math.floor(counts.length / bucketCount) || 1;
          const history = memoryHistory(FIRST_MINUTE, counts);
          const fromMs = FIRST_MINUTE * 1000;
          const toMs = fromMs + minutesPerBucket * bucketCount * 60_000;
          const plan = planBuckets({ fromMs, toMs, bucketCount, alignment: 'exact' });

          const answer = countBuckets(plan, history.cumulative);

          const expected = plan.buckets.map((_, index) =>
            counts
              .slice(index * minutesPerBucket, (index + 1) * minutesPerBucket)
              .reduce((sum, count) => sum + count, 0),
          );
          expect(answer).toEqual(expected);
        },
      ),
    );
  });
});
