import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QualysResponseError } from '#shared/qualys/errors.js';
import { parseMinuteCounts } from '#shared/qualys/minute-counts.js';
import { isoMs } from '#shared/time.js';

const key = (startMs: number, endMs: number) => `${isoMs(startMs)}_${isoMs(endMs)}`;

/**
 * A well-formed one-bucket-per-minute answer: counts of every minute of [from, to), keys in any
 * order, sometimes with extra buckets outside the range (a bucketCount + 1st key, a wide one).
 */
const answer = fc
  .record({
    fromMinute: fc.integer({ min: 26_000_000, max: 32_000_000 }),
    counts: fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 180 }),
    keyAfter: fc.boolean(),
    keyBefore: fc.boolean(),
    wideKeyBefore: fc.boolean(),
  })
  .chain(({ fromMinute, counts, keyAfter, keyBefore, wideKeyBefore }) => {
    const from = fromMinute * 60;
    const to = from + 60 * counts.length;
    const entries: [string, number][] = counts.map((count, index) => {
      const startMs = (from + 60 * index) * 1000;
      return [key(startMs, startMs + 60_000), count];
    });
    if (keyAfter) entries.push([key(to * 1000, to * 1000 + 60_000), 3]);
    if (keyBefore) entries.push([key(from * 1000 - 60_000, from * 1000), 5]);
    if (wideKeyBefore) entries.push([key(from * 1000 - 2_160_000, from * 1000), 733]);
    const all = { minLength: entries.length, maxLength: entries.length };
    return fc
      .shuffledSubarray(entries, all)
      .map((shuffled) => ({ from, to, counts, entries: shuffled }));
  });

const expectRejected = (body: string, from: number, to: number) =>
  expect(() => parseMinuteCounts(body, from, to)).toThrow(QualysResponseError);

/** Ways to spoil one expected minute's key or count. */
const corruption = fc.constantFrom(
  (k: string, v: number): [string, unknown] => [k, -1 - v],
  (k: string): [string, unknown] => [k, 0.5],
  (k: string, v: number): [string, unknown] => [k, String(v)],
  (k: string): [string, unknown] => [k, null],
  (k: string, v: number): [string, unknown] => [k, [v]],
  (k: string, v: number): [string, unknown] => [`${k}x`, v],
  (k: string, v: number): [string, unknown] => [k.replaceAll('.000Z', 'Z'), v],
  (k: string, v: number): [string, unknown] => [shiftKey(k, 1, 1), v],
  (k: string, v: number): [string, unknown] => [shiftKey(k, 0, 60_000), v],
  (k: string, v: number): [string, unknown] => [shiftKey(k, 0, -30_000), v],
  (k: string, v: number): [string, unknown] => [shiftKey(k, -86_400_000, -86_400_000), v],
);

function shiftKey(bucketKey: string, startShiftMs: number, endShiftMs: number): string {
  const [start = '', end = ''] = bucketKey.split('_');
  return key(Date.parse(start) + startShiftMs, Date.parse(end) + endShiftMs);
}

describe('time-bucket answer validation (property)', () => {
  it('accepts every well-formed answer and maps it to exactly its minutes', () => {
    fc.assert(
      fc.property(answer, ({ from, to, counts, entries }) => {
        const minutes = parseMinuteCounts(JSON.stringify(Object.fromEntries(entries)), from, to);

        expect(minutes).toEqual(counts.map((count, i) => ({ minute: from + 60 * i, count })));
      }),
    );
  });

  it('rejects any answer with one expected minute dropped', () => {
    fc.assert(
      fc.property(answer, fc.nat(), ({ from, to, entries }, pick) => {
        const inside = entries.filter(([k]) => isInside(k, from, to));
        const [dropped] = inside[pick % inside.length] ?? [];
        const kept = entries.filter(([k]) => k !== dropped);

        expect(kept).toHaveLength(entries.length - 1);
        expectRejected(JSON.stringify(Object.fromEntries(kept)), from, to);
      }),
    );
  });

  it('rejects any answer with one expected minute corrupted', () => {
    fc.assert(
      fc.property(answer, fc.nat(), corruption, ({ from, to, entries }, pick, spoil) => {
        const inside = entries.filter(([k]) => isInside(k, from, to));
        const [target = '', count = 0] = inside[pick % inside.length] ?? [];
        const spoiled = entries.map(([k, v]) => (k === target ? spoil(k, count) : [k, v]));

        expectRejected(JSON.stringify(Object.fromEntries(spoiled)), from, to);
      }),
    );
  });
});

function isInside(bucketKey: string, from: number, to: number): boolean {
  const start = Date.parse(bucketKey.split('_')[0] ?? '') / 1000;
  return start >= from && start < to;
}
