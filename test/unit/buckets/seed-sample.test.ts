import { describe, expect, it } from 'vitest';
import { countBuckets, toQualysAnswer } from '#shared/buckets/count.js';
import { planBuckets } from '#shared/buckets/plan.js';
import { parseBucketQuery } from '#shared/buckets/query.js';
import { memoryHistory } from '#test/support/history.js';
import { SEED_KEYS, SEED_PARAMS } from '#test/support/seed-sample.js';

describe('the seed sample', () => {
  it('gives exactly the five keys of the vendor response over uniform history', () => {
    // Arrange: 139 events every minute of the day, about the sample's 5000 per 36 minutes.
    const dayStart = Date.UTC(2025, 10, 26) / 1000;
    const history = memoryHistory(dayStart, new Array(1440).fill(139));
    const { request } = parseBucketQuery(SEED_PARAMS);

    // Act
    const plan = planBuckets(request);
    const answer = toQualysAnswer(plan, countBuckets(plan, history.cumulative));

    // Assert
    expect(Object.keys(answer)).toEqual(SEED_KEYS);
    expect(plan.widthMs).toBe(36 * 60_000);
    const counts = Object.values(answer);
    expect(counts.slice(1)).toEqual([5004, 5004, 5004, 5004]);
    // 05:18:41 to 05:24:00 is 5 min 19 s of the 36: the vendor's 733 against ~5000.
    expect(counts[0]).toBe(Math.round((319 / 60) * 139));
    expect((counts[0] ?? 0) / 5004).toBeCloseTo(319 / 2160, 3);
  });
});
