import { countBuckets, countingEdges, toQualysAnswer } from '../buckets/count.js';
import { answeredRange, planBuckets } from '../buckets/plan.js';
import type { BucketQuery } from '../buckets/query.js';
import { coverageOf, coveredPart } from '../history/coverage.js';
import { cumulativeFromMinutes, minutesToRead } from '../history/minutes.js';
import type { HistoryStore } from '../history/store.js';

/** How long answers may be cached. */
export interface CachePolicy {
  /** Seconds an answer may be kept when it can still change (unsettled or uncovered). */
  freshMaxAgeSeconds: number;
  /** Seconds an answer over settled history may be kept. */
  settledMaxAgeSeconds: number;
}

/** A Qualys-shaped answer and what a client should know about it. Instants in epoch ms. */
export interface BucketAnswer {
  /** The Qualys response body: bucket key -> count. */
  body: Record<string, number>;
  /** The range whose events the buckets count (the counting range clipped to the buckets). */
  answered?: { fromMs: number; toMs: number };
  /** The part of `answered` that collected history covers. */
  covered?: { fromMs: number; toMs: number };
  /** True when history covers every instant of `answered`. */
  complete: boolean;
  /** Seconds the answer holds: short while it can still change. */
  maxAgeSeconds: number;
  /** Stored items read to answer (the state item included). */
  itemsRead: number;
}

/**
 * Answers a time-bucket query from one source's stored history. It reads the source's state
 * and one minute item per bucket edge (at most bucketCount + 2 items whatever the range);
 * parts of the range outside collected history count nothing and are reported as uncovered.
 */
export async function answerQuery(
  query: BucketQuery,
  source: string,
  store: HistoryStore,
  cache: CachePolicy,
): Promise<BucketAnswer> {
  const plan = planBuckets(query.request);
  const state = await store.readState(source);
  const coverage = coverageOf(state);

  const minutes = minutesToRead(countingEdges(plan), coverage);
  const items = minutes.length === 0 ? new Map() : await store.readMinutes(source, minutes);
  const counts = countBuckets(plan, cumulativeFromMinutes(items, coverage));

  const answered = answeredRange(plan);
  const covered = coveredPart(answered, coverage);
  const complete =
    answered === undefined ||
    (covered !== undefined && covered.fromMs === answered.fromMs && covered.toMs === answered.toMs);
  const settledMs = (state.checkpoint ?? 0) * 1000;
  const settled = complete && (answered === undefined || answered.toMs <= settledMs);

  return {
    body: toQualysAnswer(plan, counts),
    ...(answered === undefined ? {} : { answered }),
    ...(covered === undefined ? {} : { covered }),
    complete,
    maxAgeSeconds: settled ? cache.settledMaxAgeSeconds : cache.freshMaxAgeSeconds,
    itemsRead: minutes.length + 1,
  };
}
