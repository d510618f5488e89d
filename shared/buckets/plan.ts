/**
 * Bucket layout of a Qualys time-bucket answer, worked out from the vendor's own sample
 * (see DESIGN.md, "The Qualys bucket semantics"):
 *
 * - width = (toDate - fromDate) / bucketCount;
 * - the first bucket starts at floor(fromDate / width) * width, aligned to multiples of the
 *   width since the epoch, not to fromDate;
 * - exactly bucketCount contiguous buckets; events are counted only inside [fromDate, toDate),
 *   so the first bucket is partial and the tail after the last bucket is not in the answer.
 *
 * All instants are epoch milliseconds, the precision of the keys.
 */

/** `epoch`: Qualys's alignment (the default). `exact`: buckets start at fromDate (extension). */
export type Alignment = 'epoch' | 'exact';

/** A time-bucket question, instants in epoch milliseconds. */
export interface BucketRequest {
  /** Start of the range that sets the bucket width (Qualys `fromDate`). */
  fromMs: number;
  /** End of the range that sets the bucket width (Qualys `toDate`). */
  toMs: number;
  bucketCount: number;
  alignment: Alignment;
  /** Events are counted from here; a datetime filter narrows it. @default fromMs */
  countFromMs?: number;
  /** Events are counted up to here (exclusive). @default toMs */
  countToMs?: number;
}

/** One bucket, [startMs, endMs). */
export interface Bucket {
  startMs: number;
  endMs: number;
}

/** The buckets of one answer and the range inside which events are counted. */
export interface BucketPlan {
  widthMs: number;
  buckets: Bucket[];
  countFromMs: number;
  countToMs: number;
}

/**
 * Lays out the buckets of `request`. The width is the span divided by the count, rounded down
 * to a whole millisecond (the precision of the keys); callers validate that it is at least one
 * millisecond.
 */
export function planBuckets(request: BucketRequest): BucketPlan {
  const { fromMs, toMs, bucketCount, alignment } = request;
  const widthMs = Math.floor((toMs - fromMs) / bucketCount);
  if (!Number.isInteger(bucketCount) || bucketCount < 1 || widthMs < 1) {
    throw new RangeError(`no bucket layout for ${bucketCount} buckets over [${fromMs}, ${toMs})`);
  }

  const firstStartMs = alignment === 'epoch' ? Math.floor(fromMs / widthMs) * widthMs : fromMs;
  const buckets = Array.from({ length: bucketCount }, (_, index) => ({
    startMs: firstStartMs + index * widthMs,
    endMs: firstStartMs + (index + 1) * widthMs,
  }));

  return {
    widthMs,
    buckets,
    countFromMs: Math.max(fromMs, request.countFromMs ?? fromMs),
    countToMs: Math.min(toMs, request.countToMs ?? toMs),
  };
}

/** The part of the plan's buckets in which events are counted, or undefined when none is. */
export function answeredRange(plan: BucketPlan): { fromMs: number; toMs: number } | undefined {
  const first = plan.buckets[0];
  const last = plan.buckets.at(-1);
  if (first === undefined || last === undefined) return undefined;

  const fromMs = Math.max(first.startMs, plan.countFromMs);
  const toMs = Math.min(last.endMs, plan.countToMs);
  return fromMs < toMs ? { fromMs, toMs } : undefined;
}
