import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArrivalSettings, visibleCount } from '#local/qualys-simulator/arrival.js';
import { countAnswer } from '#local/qualys-simulator/count-answer.js';
import { EventModel } from '#local/qualys-simulator/event-model.js';
import { resolveOptions } from '#local/qualys-simulator/options.js';
import { baselineCount, type TruthSettings } from '#local/qualys-simulator/truth.js';
import { parseBucketQuery } from '#shared/buckets/query.js';

const TRUTH: TruthSettings = { seed: 3, eventsPerMinute: 100, utcOffsetMinutes: 0 };
const ARRIVAL: ArrivalSettings = {
  seed: 3,
  arrivalLagSeconds: 600,
  lateShare: 0.05,
  lateMaxSeconds: 7200,
};
/** Monday 2025-11-24T00:00:00Z. */
const MONDAY = Date.UTC(2025, 10, 24) / 1000;
const DAY = 86_400;

/** Mean count per minute over [fromSeconds, toSeconds) on each of `days` (offsets in days). */
function meanOver(days: readonly number[], fromHour: number, toHour: number): number {
  let total = 0;
  let minutes = 0;
  for (const day of days) {
    for (let second = fromHour * 3600; second < toHour * 3600; second += 60) {
      total += baselineCount(TRUTH, MONDAY + day * DAY + second);
      minutes += 1;
    }
  }
  return total / minutes;
}

describe('the simulated truth', () => {
  it('is quiet at night, busy in working hours, and quieter at weekends', () => {
    // Arrange
    const weekdays = [0, 1, 2, 3, 4];
    const weekend = [5, 6];

    // Act
    const nights = meanOver(weekdays, 0, 5);
    const workingHours = meanOver(weekdays, 10, 16);
    const weekendDays = meanOver(weekend, 10, 16);

    // Assert
    expect(workingHours).toBeGreaterThan(4 * nights);
    expect(weekendDays).toBeLessThan(0.5 * workingHours);
    expect(weekendDays).toBeGreaterThan(nights);
  });

  it('averages eventsPerMinute over a month', () => {
    // Arrange
    const days = Array.from({ length: 28 }, (_, day) => day);

    // Act
    const mean = meanOver(days, 0, 24);

    // Assert: the per-day level varies by up to 10%, so a month averages close to the mean.
    expect(mean).toBeGreaterThan(95);
    expect(mean).toBeLessThan(105);
  });

  it('varies from minute to minute but is the same every time it is asked', () => {
    // Arrange
    const minutes = Array.from({ length: 60 }, (_, index) => MONDAY + 10 * 3600 + 60 * index);

    // Act
    const first = minutes.map((minute) => baselineCount(TRUTH, minute));
    const reversed = [...minutes].reverse().map((minute) => baselineCount(TRUTH, minute));

    // Assert
    expect(new Set(first).size).toBeGreaterThan(20);
    expect([...reversed].reverse()).toEqual(first);
  });

  it('computes minutes from any era, past or future', () => {
    // Arrange
    const minutes = [-86_400 * 365 * 20, 0, Date.UTC(2199, 0, 1) / 1000, 253_402_300_740];

    // Act
    const counts = minutes.map((minute) => baselineCount(TRUTH, minute));

    // Assert
    for (const count of counts) expect(Number.isInteger(count) && count >= 0).toBe(true);
  });
});

describe('late arrival', () => {
  const minuteArb = fc.integer({ min: 0, max: 60_000_000 }).map((index) => index * 60);

  it('never shows fewer events later, nor more than the truth', () => {
    fc.assert(
      fc.property(
        minuteArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: -120, max: 8000 }),
        fc.integer({ min: 0, max: 8000 }),
        (minute, truth, earlier, step) => {
          // Arrange / Act
          const before = visibleCount(ARRIVAL, minute, truth, minute + earlier);
          const after = visibleCount(ARRIVAL, minute, truth, minute + earlier + step);

          // Assert
          expect(before).toBeLessThanOrEqual(after);
          expect(after).toBeLessThanOrEqual(truth);
        },
      ),
    );
  });

  it('shows nothing before the minute starts and everything once late events are in', () => {
    fc.assert(
      fc.property(minuteArb, fc.integer({ min: 0, max: 5000 }), (minute, truth) => {
        // Act
        const early = visibleCount(ARRIVAL, minute, truth, minute);
        const settled = visibleCount(ARRIVAL, minute, truth, minute + 60 + 7200);

        // Assert
        expect(early).toBe(0);
        expect(settled).toBe(truth);
      }),
    );
  });

  it('shows every event once the lag has passed when there are no very late events', () => {
    // Arrange
    const onTimeOnly = { ...ARRIVAL, lateShare: 0 };
    const minute = MONDAY + 36_000;

    // Act
    const justBefore = visibleCount(onTimeOnly, minute, 500, minute + 60 + 599);
    const atLag = visibleCount(onTimeOnly, minute, 500, minute + 60 + 600);

    // Assert
    expect(justBefore).toBeLessThan(500);
    expect(atLag).toBe(500);
  });
});

describe('answer cost', () => {
  it('answers a 120-minute chunk of one-minute buckets in under a millisecond of CPU', () => {
    // Arrange
    const model = new EventModel({ ...TRUTH, ...ARRIVAL });
    const now = MONDAY + 40 * DAY;
    const queries = Array.from({ length: 360 }, (_, chunk) => {
      const from = MONDAY + chunk * 7200;
      const params = { fromDate: String(from), toDate: String(from + 7200), bucketCount: '120' };
      return parseBucketQuery(params);
    });

    const answer = (query: (typeof queries)[number]) =>
      countAnswer(query, (minute) => model.visible(minute, now), 576_000);
    queries.slice(0, 30).forEach(answer);

    // Act: 30 days of minutes, as a backfill asks them (after a warm-up of the JIT). CPU time,
    // not wall time, so that tests running beside this one do not count.
    const cpuBefore = process.cpuUsage();
    queries.forEach(answer);
    const cpu = process.cpuUsage(cpuBefore);
    const perAnswerMs = (cpu.user + cpu.system) / 1000 / queries.length;

    // Assert
    expect(perAnswerMs).toBeLessThan(1);
  });
});

describe('options', () => {
  it('rejects a late horizon shorter than the arrival lag, saying what to use', () => {
    // Act
    const resolve = () => resolveOptions({ arrivalLagSeconds: 900, lateMaxSeconds: 600 });

    // Assert
    expect(resolve).toThrow('lateMaxSeconds is 600; use at least arrivalLagSeconds (900)');
  });
});
