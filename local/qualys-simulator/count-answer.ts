import { countBuckets, toQualysAnswer } from '#shared/buckets/count.js';
import { answeredRange, planBuckets } from '#shared/buckets/plan.js';
import type { BucketQuery } from '#shared/buckets/query.js';
import { InvalidRequestError } from '#shared/errors.js';
import { cumulativeFromMinutes, withRunningTotals } from '#shared/history/minutes.js';
import { MINUTE_MS, MINUTE_SECONDS } from '#shared/time.js';

/** The count endpoints, versioned and not: Qualys answers both the same way. */
export const COUNT_PATHS: readonly string[] = [
  '/ioc/v1/events/count/time-buckets',
  '/ioc/events/count/time-buckets',
];

/** A query string as `parseBucketQuery` takes it: first values, and names given twice. */
export function queryParams(search: URLSearchParams): {
  params: Record<string, string>;
  repeated: string[];
} {
  const params: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of search) {
    if (name in params) repeated.add(name);
    else params[name] = value;
  }
  return { params, repeated: [...repeated] };
}

/**
 * The Qualys answer to `query` from the minute counts `visible` gives, using the very bucket
 * math the service answers with (so the simulator and the service cannot drift apart). Only
 * the minutes of the answered range are computed.
 * @throws InvalidRequestError when the range is longer than `maxRangeMinutes`.
 */
export function countAnswer(
  query: BucketQuery,
  visible: (minute: number) => number,
  maxRangeMinutes: number,
): Record<string, number> {
  const plan = planBuckets(query.request);
  const range = answeredRange(plan);
  if (range === undefined)
    return toQualysAnswer(
      plan,
      countBuckets(plan, () => 0),
    );

  const firstMinute = Math.floor(range.fromMs / MINUTE_MS) * MINUTE_SECONDS;
  const endMinute = Math.ceil(range.toMs / MINUTE_MS) * MINUTE_SECONDS;
  const minuteCount = (endMinute - firstMinute) / MINUTE_SECONDS;
  if (minuteCount > maxRangeMinutes) {
    const limit = `the simulator counts at most ${maxRangeMinutes}`;
    const message = `asks to count ${minuteCount} minutes; ${limit}`;
    const fix = 'split the range into several calls';
    throw new InvalidRequestError([{ parameter: 'toDate', message, fix }]);
  }

  const minutes = [];
  for (let minute = firstMinute; minute < endMinute; minute += MINUTE_SECONDS) {
    minutes.push({ minute, count: visible(minute) });
  }
  const items = new Map(withRunningTotals(minutes, 0).map((item) => [item.minute, item]));
  const coverage = { fromMs: firstMinute * 1000, toMs: endMinute * 1000 };
  return toQualysAnswer(plan, countBuckets(plan, cumulativeFromMinutes(items, coverage)));
}
