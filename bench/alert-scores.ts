/**
 * Streams a labelled or unlabelled series through the detector and its alert lifecycle, the way
 * the service would see it window by window, and turns the result into one anomaly score per
 * row: the score of an anomaly where one opens (a notification would be published), 0 elsewhere.
 */

import {
  type AlertState,
  ANOMALY_DETECTED,
  type AnomalySettings,
  type CountAnomalyKind,
  nextAlertState,
  StreamingDetector,
} from '#shared/anomaly/index.js';
import { nabEpochSeconds, type TimestampedSeries } from './csv.js';

/** Per row: the anomaly score to threshold, and the kind of the anomaly opened there. */
export interface AlertScores {
  readonly scores: number[];
  readonly kinds: (CountAnomalyKind | undefined)[];
}

const COUNT_KINDS: readonly CountAnomalyKind[] = ['spike', 'drop', 'silence'];

/** The most common gap between rows, in seconds: the series' window length. */
export function typicalStep(starts: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let row = 1; row < starts.length; row += 1) {
    const gap = (starts[row] ?? 0) - (starts[row - 1] ?? 0);
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  const [step] = [...counts.entries()].reduce(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    [300, 0],
  );
  return step;
}

/**
 * A few NAB files repeat a timestamp (a daylight-saving artefact of their source); a repeat is
 * moved one second after its predecessor so that the stream stays in strict time order.
 */
export function strictlyIncreasing(starts: readonly number[]): number[] {
  const result: number[] = [];
  for (const start of starts) {
    const previous = result.at(-1);
    result.push(previous !== undefined && start <= previous ? previous + 1 : start);
  }
  return result;
}

/** Runs the detector over `series` with no look-ahead and scores where alerts open. */
export function alertScores(series: TimestampedSeries, settings: AnomalySettings): AlertScores {
  const starts = strictlyIncreasing(series.timestamps.map(nabEpochSeconds));
  const step = typicalStep(starts);
  const detector = new StreamingDetector(settings);
  const states = new Map<CountAnomalyKind, AlertState | undefined>();
  const scores: number[] = [];
  const kinds: (CountAnomalyKind | undefined)[] = [];

  series.values.forEach((count, row) => {
    const start = starts[row] ?? 0;
    const latest = detector.push({ start, end: start + step, count });
    let opened: CountAnomalyKind | undefined;
    for (const kind of COUNT_KINDS) {
      const transition = nextAlertState(states.get(kind), {
        source: 'bench',
        kind,
        latest,
        now: latest.end,
        cooldownMinutes: settings.cooldownMinutes,
      });
      states.set(kind, transition.state);
      if (transition.notification?.type === ANOMALY_DETECTED) {
        opened = kind;
      }
    }
    scores.push(opened === undefined ? 0 : latest.score);
    kinds.push(opened);
  });
  return { scores, kinds };
}
