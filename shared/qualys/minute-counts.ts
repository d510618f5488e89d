import { parseBucketKey } from '../buckets/keys.js';
import { isoSeconds, MINUTE_MS, MINUTE_SECONDS } from '../time.js';
import { QualysResponseError, redactedExcerpt } from './errors.js';
import type { MinuteCount } from './types.js';

const QUOTE_CHARS = 80;

/**
 * Reads a time-bucket answer asked as one bucket per minute of [fromSeconds, toSeconds) into
 * the count of every minute, in order. The body must be a JSON object of Qualys bucket keys to
 * non-negative whole counts, every minute of the range must be there as a one-minute bucket, and
 * keys wholly outside the range are ignored (whether Qualys adds a bucketCount + 1st key on
 * aligned ends is unknown). Anything else is a QualysResponseError naming the first problem, so
 * a caller writes nothing from a doubtful answer. `secrets` are masked in any quoted body.
 */
export function parseMinuteCounts(
  body: string,
  fromSeconds: number,
  toSeconds: number,
  secrets: readonly string[] = [],
): MinuteCount[] {
  const fail = (problem: string): QualysResponseError =>
    new QualysResponseError(
      `the Qualys answer for [${isoSeconds(fromSeconds)}, ${isoSeconds(toSeconds)}) is not the ` +
        `documented map of bucket keys to counts: ${problem}. Nothing from it is used; check ` +
        'that the base URL points at the Qualys EDR API and retry later',
    );
  const quote = (text: string): string =>
    redactedExcerpt(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}...` : text, secrets);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail(`the body is not JSON (${body.length} characters, starting "${quote(body)}")`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const kind = json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw fail(`the body is ${kind}, not an object`);
  }

  const counts = new Map<number, number>();
  for (const [key, count] of Object.entries(json)) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      const shown = quote(JSON.stringify(count) ?? String(count));
      throw fail(`bucket "${quote(key)}" has count ${shown}, not a non-negative whole number`);
    }
    const bucket = parseBucketKey(key);
    if (bucket === undefined) {
      throw fail(`key "${quote(key)}" is not a Qualys bucket key (<ISO ms Z>_<ISO ms Z>)`);
    }
    if (bucket.endMs <= fromSeconds * 1000 || bucket.startMs >= toSeconds * 1000) continue;

    if (bucket.startMs % MINUTE_MS !== 0 || bucket.endMs - bucket.startMs !== MINUTE_MS) {
      throw fail(`bucket "${key}" lies inside the range but is not one whole minute`);
    }
    counts.set(bucket.startMs / 1000, count);
  }

  const minutes: MinuteCount[] = [];
  const missing: number[] = [];
  for (let minute = fromSeconds; minute < toSeconds; minute += MINUTE_SECONDS) {
    const count = counts.get(minute);
    if (count === undefined) missing.push(minute);
    else minutes.push({ minute, count });
  }
  const firstMissing = missing[0];
  if (firstMissing !== undefined) {
    const expected = (toSeconds - fromSeconds) / MINUTE_SECONDS;
    throw fail(
      `${missing.length} of ${expected} minutes are missing, ` +
        `the first at ${isoSeconds(firstMissing)}`,
    );
  }
  return minutes;
}
