import { bucketKey } from './keys.js';
import type { BucketPlan } from './plan.js';

/**
 * Number of events before an instant (epoch ms): a running total over history. It must never
 * decrease; between minute edges it may be fractional (a prorated share of that minute).
 */
export type CumulativeCount = (epochMs: number) => number;

/**
 * Counts the events of each bucket of `plan`, clipped to its counting range.
 *
 * Rounding: the running total is rounded at every bucket edge and each bucket is the difference
 * of two rounded totals. The buckets of one answer therefore add up exactly to the rounded total
 * of the answered range (nothing is invented or lost), each bucket is its exact prorated share
 * rounded up or down, and an edge shared by two queries rounds the same way in both.
 */
export function countBuckets(plan: BucketPlan, cumulative: CumulativeCount): number[] {
  const roundedAt = (epochMs: number): number => {
    const clipped = Math.min(Math.max(epochMs, plan.countFromMs), plan.countToMs);
    return Math.round(cumulative(clipped));
  };

  if (plan.countFromMs >= plan.countToMs) return plan.buckets.map(() => 0);
  return plan.buckets.map((bucket) => roundedAt(bucket.endMs) - roundedAt(bucket.startMs));
}

/** Every instant at which `countBuckets` reads the running total, in ascending order. */
export function countingEdges(plan: BucketPlan): number[] {
  if (plan.countFromMs >= plan.countToMs) return [];
  const edges = new Set<number>();
  for (const bucket of plan.buckets) {
    edges.add(Math.min(Math.max(bucket.startMs, plan.countFromMs), plan.countToMs));
    edges.add(Math.min(Math.max(bucket.endMs, plan.countFromMs), plan.countToMs));
  }
  return [...edges].sort((a, b) => a - b);
}

/** The Qualys response body: bucket key -> count, in bucket order. */
export function toQualysAnswer(
  plan: BucketPlan,
  counts: readonly number[],
): Record<string, number> {
  const answer: Record<string, number> = {};
  plan.buckets.forEach((bucket, index) => {
    answer[bucketKey(bucket)] = counts[index] ?? 0;
  });
  return answer;
}
