/**
 * A NAB v1.x scorer (Numenta Anomaly Benchmark), written from the rules of NAB's sweeper:
 * detections in the probationary period are ignored; in each labelled window only the earliest
 * detection counts, rewarded by a scaled sigmoid of its position (earlier is better); every
 * detection outside a window is a false positive, weighted by its distance past the preceding
 * window; every window without a detection costs one false negative.
 */

/** Weights of one NAB scoring profile (`config/profiles.json`). */
export interface CostMatrix {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

/** A labelled window as the row indices of its first and last rows, both inclusive. */
export interface WindowRows {
  readonly first: number;
  readonly last: number;
}

/** The raw NAB score of one file under one profile, with the bounds used to normalise it. */
export interface FileScore {
  readonly score: number;
  /** Score of a detector that never fires: one false negative per scored window. */
  readonly nullScore: number;
  /** Score of a detector that fires exactly on the first row of every scored window. */
  readonly perfectScore: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

/** NAB leaves the first 15% of a file unscored, while a detector learns. */
const PROBATIONARY_FRACTION = 0.15;

/** ... but never more than 15% of 5000 rows (750), NAB's cap for long files. */
const PROBATIONARY_CAP = PROBATIONARY_FRACTION * 5000;

/** Rows at the start of a file of `rows` rows that NAB does not score. */
export function probationaryRows(rows: number): number {
  return Math.min(Math.floor(PROBATIONARY_FRACTION * rows), PROBATIONARY_CAP);
}

/**
 * NAB's scaled sigmoid: +0.987 at the left edge of a window (position -1), 0 at its right edge
 * (position 0), about -0.987 one window width after it, and -1 from three widths on.
 */
export function scaledSigmoid(position: number): number {
  if (position >= 3) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** The reward of the earliest possible detection, by which NAB divides so that it earns 1. */
const BEST_POSITION_REWARD = scaledSigmoid(-1);

/**
 * Scores one file: `detected[i]` says whether the detector fired on row i; `windows` are sorted
 * and disjoint. Windows that lie wholly in the probationary period are not scored.
 */
export function scoreFile(
  detected: readonly boolean[],
  windows: readonly WindowRows[],
  costs: CostMatrix,
): FileScore {
  const start = probationaryRows(detected.length);
  const scored = windows.filter((window) => window.last >= start);
  const windowScores = scored.map(() => -costs.fnWeight);
  let falsePositiveScore = 0;
  let falsePositives = 0;

  for (let row = start; row < detected.length; row += 1) {
    if (!detected[row]) {
      continue;
    }
    const inside = scored.findIndex((window) => window.first <= row && row <= window.last);
    if (inside >= 0) {
      const reward = truePositiveReward(row, scored[inside] ?? { first: row, last: row }, costs);
      windowScores[inside] = Math.max(windowScores[inside] ?? reward, reward);
    } else {
      falsePositiveScore += falsePositivePenalty(row, windows, costs);
      falsePositives += 1;
    }
  }

  const truePositives = windowScores.filter((score) => score > -costs.fnWeight).length;
  return {
    score: windowScores.reduce((sum, score) => sum + score, 0) + falsePositiveScore,
    nullScore: -costs.fnWeight * scored.length,
    perfectScore: costs.tpWeight * scored.length,
    truePositives,
    falsePositives,
    falseNegatives: scored.length - truePositives,
  };
}

function truePositiveReward(row: number, window: WindowRows, costs: CostMatrix): number {
  const width = window.last - window.first + 1;
  const position = -(window.last - row + 1) / width;
  return (scaledSigmoid(position) * costs.tpWeight) / BEST_POSITION_REWARD;
}

function falsePositivePenalty(
  row: number,
  windows: readonly WindowRows[],
  costs: CostMatrix,
): number {
  const preceding = windows.filter((window) => window.last < row).at(-1);
  if (preceding === undefined) {
    return -costs.fpWeight;
  }
  // NAB divides by (width - 1) here but by width inside a window; kept to match its numbers.
  const widthLessOne = preceding.last - preceding.first;
  const position = widthLessOne > 0 ? (row - preceding.last) / widthLessOne : 3;
  return scaledSigmoid(position) * costs.fpWeight;
}

/** Rows whose anomaly score reaches the threshold, NAB's rule for turning scores into alerts. */
export function detectionsAt(scores: readonly number[], threshold: number): boolean[] {
  return scores.map((score) => score >= threshold);
}

/** What normalising needs of a file's score. */
export type ScoreBounds = Pick<FileScore, 'score' | 'nullScore' | 'perfectScore'>;

/** NAB's normalised score of a set of files: 0 for the null detector, 100 for a perfect one. */
export function normalisedScore(files: readonly ScoreBounds[]): number {
  const sum = (pick: (file: ScoreBounds) => number) =>
    files.reduce((total, file) => total + pick(file), 0);
  const nullScore = sum((file) => file.nullScore);
  const span = sum((file) => file.perfectScore) - nullScore;
  return span === 0 ? 0 : (100 * (sum((file) => file.score) - nullScore)) / span;
}
