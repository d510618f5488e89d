import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numbers, readCsv } from '../../bench/csv.js';
import { nabDataDir, readProfiles, readWindowLimits, windowRows } from '../../bench/nab/corpus.js';
import {
  detectionsAt,
  normalisedScore,
  probationaryRows,
  scaledSigmoid,
  scoreFile,
} from '../../bench/nab/scorer.js';

const standard = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

/** 1000 rows (150 probationary) with one window over rows 400..499. */
const rows = 1000;
const window = { first: 400, last: 499 };
const alertsAt = (...at: number[]) => Array.from({ length: rows }, (_, row) => at.includes(row));

describe('NAB scorer', () => {
  it('reproduces the published scores of Numenta HTM on nyc_taxi at its threshold', async () => {
    // arrange
    const dir = nabDataDir();
    const file = path.join(dir, 'results', 'numenta', 'realKnownCause', 'numenta_nyc_taxi.csv');
    const results = await readCsv(file);
    const limits = await readWindowLimits(dir);
    const windows = windowRows(
      results.column('timestamp'),
      limits['realKnownCause/nyc_taxi.csv'] ?? [],
    );
    const profiles = await readProfiles(dir);
    const detected = detectionsAt(numbers(results, 'anomaly_score', file), 0.542187690735);

    // act
    const scores = [
      profiles.standard,
      profiles.reward_low_FP_rate,
      profiles.reward_low_FN_rate,
    ].map((costs) => scoreFile(detected, windows, costs).score);

    // assert
    expect(scores[0]).toBeCloseTo(2.435728, 5);
    expect(scores[1]).toBeCloseTo(2.325728, 5);
    expect(scores[2]).toBeCloseTo(1.435728, 5);
  });

  it('leaves 15% of a file unscored, but never more than 750 rows', () => {
    expect(probationaryRows(1000)).toBe(150);
    expect(probationaryRows(4033)).toBe(604);
    expect(probationaryRows(15902)).toBe(750);
  });

  it('rewards a detection by how early it falls in its window', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3)).toBe(-1);
  });

  it('gives a full point for a detection on the first row of a window', () => {
    // act
    const score = scoreFile(alertsAt(400), [window], standard);

    // assert
    expect(score.score).toBeCloseTo(1, 10);
    expect(score).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
  });

  it('counts only the earliest detection in a window', () => {
    // act
    const once = scoreFile(alertsAt(450), [window], standard);
    const twice = scoreFile(alertsAt(450, 460, 499), [window], standard);

    // assert
    expect(twice.score).toBe(once.score);
    expect(twice.falsePositives).toBe(0);
  });

  it('charges a missed window one false negative', () => {
    const score = scoreFile(alertsAt(), [window], standard);
    expect(score.score).toBe(-1);
    expect(score.nullScore).toBe(-1);
  });

  it('charges a false positive before any window the full weight', () => {
    const score = scoreFile(alertsAt(200, 400), [window], standard);
    expect(score.score).toBeCloseTo(1 - 0.11, 10);
  });

  it('charges a false positive just after a window less than one far after it', () => {
    // act
    const justAfter = scoreFile(alertsAt(400, 505), [window], standard).score;
    const farAfter = scoreFile(alertsAt(400, 900), [window], standard).score;

    // assert
    expect(justAfter).toBeGreaterThan(farAfter);
    expect(farAfter).toBeCloseTo(1 - 0.11, 10);
  });

  it('ignores detections in the probationary period', () => {
    const score = scoreFile(alertsAt(10, 400), [window], standard);
    expect(score.score).toBeCloseTo(1, 10);
  });

  it('normalises the null detector to 0 and a perfect one to 100', () => {
    // arrange
    const missed = scoreFile(alertsAt(), [window], standard);
    const perfect = scoreFile(alertsAt(400), [window], standard);

    // act and assert
    expect(normalisedScore([missed, missed])).toBe(0);
    expect(normalisedScore([perfect, perfect])).toBeCloseTo(100, 8);
    expect(normalisedScore([perfect, missed])).toBeCloseTo(50, 8);
  });
});
