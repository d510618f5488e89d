import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessLatest,
  DEFAULT_SETTINGS,
  evaluate,
  parseAnomalySettings,
  StreamingDetector,
} from '#shared/anomaly/index.js';
import { MONDAY, next, noisy, officeHours, QUARTER, windows } from './series.js';

/** Four days of about 200 events per 15 minutes: enough for the detector to judge. */
const steady = noisy(4 * 96, () => 200);

describe('the anomaly detector', () => {
  it('flags a spike far above a steady count', () => {
    // act
    const finding = evaluate([...steady, next(steady, 600)], DEFAULT_SETTINGS);

    // assert
    expect(finding?.kind).toBe('spike');
    expect(finding?.expected).toBeGreaterThan(180);
    expect(finding?.expected).toBeLessThan(220);
    expect(finding?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('flags a drop far below a steady count that is not close to zero', () => {
    const finding = evaluate([...steady, next(steady, 40)], DEFAULT_SETTINGS);
    expect(finding?.kind).toBe('drop');
  });

  it('flags silence where many events are expected and none arrive', () => {
    const finding = evaluate([...steady, next(steady, 0)], DEFAULT_SETTINGS);
    expect(finding?.kind).toBe('silence');
  });

  it('assesses a normal newest window too, so that an open alert can resolve', () => {
    // act
    const latest = assessLatest([...steady, next(steady, 205)], DEFAULT_SETTINGS);

    // assert
    expect(latest?.kind).toBeUndefined();
    expect(latest?.observed).toBe(205);
    expect(latest?.score).toBeLessThan(0.5);
  });

  it('judges the windows after a spike by their own counts, not by the spike', () => {
    // arrange: a tenfold spike, then a normal window and a silent one within the hour
    const spiked = [...steady, next(steady, 2000)];
    const normalAfter = [...spiked, next(spiked, 203)];
    const silentAfter = [...normalAfter, next(normalAfter, 0)];

    // act
    const normal = assessLatest(normalAfter, DEFAULT_SETTINGS);
    const silent = assessLatest(silentAfter, DEFAULT_SETTINGS);

    // assert
    expect(assessLatest(spiked, DEFAULT_SETTINGS)?.kind).toBe('spike');
    expect(normal?.kind).toBeUndefined();
    expect(silent?.kind).toBe('silence');
  });

  it('does not judge drops or silence below the minimum expected count', () => {
    // arrange
    const settings = parseAnomalySettings({ minExpectedCount: 500 });

    // act
    const finding = evaluate([...steady, next(steady, 0)], settings);

    // assert
    expect(finding).toBeUndefined();
  });

  it('reports only the kinds that are enabled', () => {
    const settings = parseAnomalySettings({ kinds: ['drop', 'silence'] });
    expect(evaluate([...steady, next(steady, 600)], settings)).toBeUndefined();
  });

  it('raises no alert over a week of Poisson noise on a quiet source', () => {
    // arrange
    const detector = new StreamingDetector(DEFAULT_SETTINGS);
    const quiet = noisy(14 * 96, () => 3, 7);

    // act
    const alerts = quiet.map((window) => detector.push(window)).filter((a) => a.kind);

    // assert
    expect(alerts).toEqual([]);
  });

  it('never alerts on a count inside the central 99.9% of Poisson noise', () => {
    // arrange
    const quiet = noisy(4 * 96, () => 3, 11);

    // act and assert: P(X <= 11) is 0.9997 for a Poisson count of mean 3
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), (count) => {
        expect(evaluate([...quiet, next(quiet, count)], DEFAULT_SETTINGS)).toBeUndefined();
      }),
      { numRuns: 12 },
    );
  });

  it('judges each window only by the windows before it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 500 }), { minLength: 300, maxLength: 400 }),
        fc.nat({ max: 299 }),
        (counts, cut) => {
          // arrange
          const series = windows(counts);
          const detector = new StreamingDetector(DEFAULT_SETTINGS);
          const streamed = series.map((window) => detector.push(window));

          // act
          const prefix = new StreamingDetector(DEFAULT_SETTINGS);
          const alone = series.slice(0, cut + 1).map((window) => prefix.push(window));

          // assert
          expect(alone.at(-1)).toEqual(streamed[cut]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('knows a count normal for Monday 09:00 is a spike at Sunday 03:00', () => {
    // arrange: five weeks of office hours, busy on weekdays, quiet at night and at weekends
    const rhythm = officeHours(400, 20);
    const sunday = noisy(5 * 7 * 96 + 6 * 96 + 3 * 4, rhythm, 3);
    const monday = noisy(6 * 7 * 96 + 9 * 4, rhythm, 3);

    // act
    const atSunday = evaluate([...sunday, next(sunday, 400)], DEFAULT_SETTINGS);
    const atMonday = evaluate([...monday, next(monday, 400)], DEFAULT_SETTINGS);

    // assert
    expect(new Date(next(sunday, 0).start * 1000).toISOString()).toBe('2025-02-16T03:00:00.000Z');
    expect(new Date(next(monday, 0).start * 1000).toISOString()).toBe('2025-02-17T09:00:00.000Z');
    expect(atSunday?.kind).toBe('spike');
    expect(atMonday).toBeUndefined();
  });

  it('raises no alert at the Monday morning rise that the weekly rhythm expects', () => {
    for (const seed of [3, 5, 8]) {
      // arrange: nine weeks of office hours
      const detector = new StreamingDetector(DEFAULT_SETTINGS);
      const weeks = noisy(9 * 7 * 96, officeHours(400, 20), seed);

      // act
      const assessments = weeks.map((window) => detector.push(window));

      // assert: Mondays 07:00 to 10:00 from the fifth week on
      const mondayMornings = assessments.filter((assessment, index) => {
        const hour = new Date(assessment.start * 1000).getUTCHours();
        return index >= 4 * 7 * 96 && index % (7 * 96) < 10 * 4 && hour >= 7;
      });
      expect(mondayMornings).toHaveLength(5 * 12);
      expect(mondayMornings.filter((assessment) => assessment.kind)).toEqual([]);
    }
  });

  it('rejects windows out of time order', () => {
    // arrange
    const detector = new StreamingDetector(DEFAULT_SETTINGS);
    detector.push({ start: MONDAY, end: MONDAY + QUARTER, count: 1 });

    // act and assert
    expect(() => detector.push({ start: MONDAY, end: MONDAY + QUARTER, count: 1 })).toThrow(
      /oldest first/,
    );
  });
});
