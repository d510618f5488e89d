import { MalformedItemError } from './dynamo-errors.js';
import type { StoredMinute } from './minutes.js';
import type { SourceState } from './store.js';
import { type ItemKey, MINUTE_ATTRIBUTES, minuteKey, minutePartition, stateKey } from './table.js';

/**
 * Conversion between domain values and table items, with the checks that keep bad numbers out
 * of the table and report bad items read from it. The checks are written by hand rather than
 * with a schema library because they run on every minute of every read and write.
 */

/** A minute item as stored. */
export type MinuteItem = ItemKey & {
  count: number;
  before: number;
};

/** Every field of SourceState; `satisfies` makes adding a field there fail here until listed. */
const STATE_FIELD_SET = {
  firstMinute: true,
  collectedUntil: true,
  checkpoint: true,
  resumeFrom: true,
  restatedAt: true,
  lastRunAt: true,
} as const satisfies Record<keyof SourceState, true>;

/** The SourceState fields kept in the state item, each an epoch-seconds instant. */
export const STATE_FIELDS = Object.keys(STATE_FIELD_SET) as (keyof SourceState)[];

/** A whole number of at least zero that DynamoDB and JavaScript both hold exactly. */
export function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Start of a minute: a whole number of epoch seconds that is a multiple of 60. */
export function isMinuteStart(value: unknown): value is number {
  return isWholeNumber(value) && value % 60 === 0;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The item that stores `minute` of `source`; rejects values that would corrupt history. */
export function toMinuteItem(source: string, minute: StoredMinute): MinuteItem {
  const problem = !isMinuteStart(minute.minute)
    ? `minute is ${describe(minute.minute)}, expected epoch seconds on a minute edge`
    : !isWholeNumber(minute.count)
      ? `count is ${describe(minute.count)}, expected a whole number >= 0`
      : !isWholeNumber(minute.before)
        ? `before is ${describe(minute.before)}, expected a whole number >= 0`
        : undefined;
  if (problem !== undefined) {
    throw new RangeError(
      `cannot store minute ${describe(minute.minute)} of source ${describe(source)}: ${problem}`,
    );
  }
  return { ...minuteKey(source, minute.minute), count: minute.count, before: minute.before };
}

function malformed(key: string, problem: string): MalformedItemError {
  return new MalformedItemError(
    `history item ${key} is malformed: ${problem}; it was not written by this store, ` +
      'so restore it from a backup or delete it and let the collector re-read that minute',
  );
}

/** The StoredMinute in an item of `source`'s partition (read with at least sk, count, before). */
export function parseMinuteItem(source: string, item: Record<string, unknown>): StoredMinute {
  const { sk } = item;
  const count = item[MINUTE_ATTRIBUTES.count];
  const before = item[MINUTE_ATTRIBUTES.before];
  if (isMinuteStart(sk) && isWholeNumber(count) && isWholeNumber(before)) {
    return { minute: sk, count, before };
  }

  const key = `pk=${minutePartition(source)} sk=${describe(sk)}`;
  if (!isMinuteStart(sk)) throw malformed(key, 'sk is not epoch seconds on a minute edge');
  const [name, value] = isWholeNumber(count) ? ['before', before] : ['count', count];
  throw malformed(key, `${name} is ${describe(value)}, expected a whole number >= 0`);
}

/** The SourceState in `source`'s state item; an absent item is the empty state. */
export function parseStateItem(
  source: string,
  item: Record<string, unknown> | undefined,
): SourceState {
  const state: SourceState = {};
  if (item === undefined) return state;

  for (const field of STATE_FIELDS) {
    const value = item[field];
    if (value === undefined) continue;
    if (!isWholeNumber(value)) {
      const { pk, sk } = stateKey(source);
      throw malformed(
        `pk=${pk} sk=${sk}`,
        `${field} is ${describe(value)}, expected epoch seconds`,
      );
    }
    state[field] = value;
  }
  return state;
}
