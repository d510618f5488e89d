/**
 * The streaming detector: windows go in oldest first, and each is judged only against the
 * windows before it (no look-ahead), so the service and the benchmark run the same code.
 *
 * A window is compared with the baseline that has lately predicted the source best and, once
 * there is one, with the weekly baseline too: an anomaly must be unusual against both, so a
 * baseline that follows the recent level cannot raise an alarm at a rise or fall the weekly
 * rhythm expects (Monday 08:00). How far off a window is gets judged by how rarely the source
 * has been that far off before, at one window and over the last few and many windows; for
 * counts it must also be beyond Poisson noise.
 */
import type { Baseline } from './baseline.js';
import { baselinesAt } from './baseline.js';
import { BaselineChooser } from './baseline-choice.js';
import { InvalidWindowError } from './errors.js';
import { judge } from './judgement.js';
import { NoiseModel } from './noise.js';
import type { AnomalySettings } from './settings.js';
import { SilenceModel } from './silence.js';
import { stabilise } from './stabilise.js';
import type { Assessment, Finding, WindowCount } from './types.js';

/** Judges a stream of windows of one source, one at a time. */
export class StreamingDetector {
  private readonly starts: number[] = [];
  private readonly values: number[] = [];
  private readonly chooser = new BaselineChooser();
  private readonly noise = new NoiseModel(() => this.integerCounts);
  private readonly silence = new SilenceModel();
  private integerCounts = true;

  constructor(private readonly settings: AnomalySettings) {}

  /** Judges the next window, which must start after every window before it, and learns it. */
  push(window: WindowCount): Assessment {
    this.check(window);
    const value = stabilise(window.count);
    this.integerCounts &&= Number.isInteger(window.count) && window.count >= 0;

    const history = { starts: this.starts, values: this.values };
    const candidates = baselinesAt(history, window.start);
    const baselines = judgedBaselines(candidates, this.chooser.choose(candidates));
    const models = { noise: this.noise, silence: this.silence, counts: this.integerCounts };
    const assessment = judge(window, value, baselines, models, this.settings);

    this.chooser.learn(window.start, value, candidates);
    if (baselines.length > 0) {
      this.noise.learn(window.start, smallestError(value, baselines));
      if (assessment.expected >= this.settings.minExpectedCount) {
        this.silence.learn(window.start, window.count, assessment.expected, this.integerCounts);
      }
    }
    this.starts.push(window.start);
    this.values.push(value);
    return assessment;
  }

  private check(window: WindowCount): void {
    const last = this.starts.at(-1);
    if (last !== undefined && !(window.start > last)) {
      throw new InvalidWindowError(
        `window starting ${window.start} does not come after the one starting ${last}; ` +
          'pass windows oldest first, each once',
      );
    }
    if (!Number.isFinite(window.count) || !(window.end > window.start)) {
      throw new InvalidWindowError(
        `window starting ${window.start} has count ${window.count} and end ${window.end}; ` +
          'a count must be a finite number and a window must end after it starts',
      );
    }
  }
}

/** The chosen baseline, then the weekly one when it exists and was not chosen. */
function judgedBaselines(candidates: readonly Baseline[], chosen: Baseline | undefined) {
  const weekly = candidates.find((candidate) => candidate.name === 'weekly');
  if (chosen === undefined) {
    return [];
  }
  return weekly === undefined || weekly === chosen ? [chosen] : [chosen, weekly];
}

/**
 * The error the noise model learns: the smaller against the baselines judged, since a window
 * alerts only when it is far from all of them.
 */
function smallestError(value: number, baselines: readonly Baseline[]): number {
  const errors = baselines.map((baseline) => value - baseline.expected);
  return errors.reduce((smallest, error) =>
    Math.abs(error) < Math.abs(smallest) ? error : smallest,
  );
}

/**
 * Judges the newest window of `history` (oldest first) against the windows before it, and
 * returns its assessment, anomalous or not (undefined for an empty history). The alert
 * lifecycle needs it even when the window is normal, to resolve open anomalies. Give it about
 * seven weeks of history (`RECOMMENDED_HISTORY_DAYS`): three weeks (and a day) of errors for
 * the noise model, and four weeks behind the oldest of them for its weekly baseline.
 *
 * @example
 * const latest = assessLatest(windows, parseAnomalySettings({ minExpectedCount: 50 }));
 * if (latest?.kind !== undefined) console.log(latest.kind, latest.observed, latest.expected);
 */
export function assessLatest(
  history: readonly WindowCount[],
  settings: AnomalySettings,
): Assessment | undefined {
  const detector = new StreamingDetector(settings);
  let newest: Assessment | undefined;
  for (const window of history) {
    newest = detector.push(window);
  }
  return newest;
}

/** Like `assessLatest`, but returns the newest window only when it is anomalous. */
export function evaluate(
  history: readonly WindowCount[],
  settings: AnomalySettings,
): Finding | undefined {
  const newest = assessLatest(history, settings);
  return newest?.kind === undefined ? undefined : { ...newest, kind: newest.kind };
}

/** Days of history `evaluate` needs to judge the newest window as the stream would. */
export const RECOMMENDED_HISTORY_DAYS = 50;
