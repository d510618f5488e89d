import { isoMs } from '../time.js';
import type { Bucket } from './plan.js';

/** Qualys's bucket key: `<start ISO-8601 ms Z>_<end ISO-8601 ms Z>`. */
export function bucketKey(bucket: Bucket): string {
  return `${isoMs(bucket.startMs)}_${isoMs(bucket.endMs)}`;
}

const KEY_PATTERN =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;

/** Reads a bucket key back into its instants; undefined when it is not in Qualys's form. */
export function parseBucketKey(key: string): Bucket | undefined {
  const match = KEY_PATTERN.exec(key);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;

  const startMs = Date.parse(match[1]);
  const endMs = Date.parse(match[2]);
  if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) return undefined;
  return { startMs, endMs };
}
