/**
 * Turns how rare a window's deviation is into a score in [0, 1] and, past the alert threshold,
 * a kind of anomaly.
 */
import type { Baseline } from './baseline.js';
import type { Direction, NoiseModel } from './noise.js';
import { type AnomalySettings, alertThreshold } from './settings.js';
import { isSilent, type SilenceModel } from './silence.js';
import { destabilise } from './stabilise.js';
import type { Assessment, CountAnomalyKind, WindowCount } from './types.js';

/**
 * A score of 0.5 means a deviation the source's noise would produce about once in 30 days (in
 * each direction): at the default sensitivity, about one false alarm a month for a source whose
 * noise the model has right, whatever the window length. Scores are in decades of rarity, so
 * 1.0 is a deviation that rare squared.
 */
const FALSE_ALARM_SECONDS = 30 * 86_400;

/** What a source has learned: its noise, its silences, and whether it holds counts. */
export interface SourceModels {
  readonly noise: NoiseModel;
  readonly silence: SilenceModel;
  readonly counts: boolean;
}

/** Score of a deviation whose probability is 10^log10Rarity, for windows of `seconds`. */
export function scoreOf(log10Rarity: number, seconds: number): number {
  const alertDecades = Math.log10(FALSE_ALARM_SECONDS / seconds);
  return Math.min(Math.max(-log10Rarity / (2 * alertDecades), 0), 1);
}

/**
 * Judges one window (`value` is its stabilised count) against `baselines`: the chosen one
 * first, whose expected value is reported, then any that must agree (the weekly one).
 */
export function judge(
  window: WindowCount,
  value: number,
  baselines: readonly Baseline[],
  models: SourceModels,
  settings: AnomalySettings,
): Assessment {
  const [chosen] = baselines;
  const expected = chosen === undefined ? Number.NaN : destabilise(chosen.expected);
  const base = {
    start: window.start,
    end: window.end,
    observed: window.count,
    expected,
    baseline: chosen?.name ?? 'none',
  } as const;
  if (chosen === undefined || !models.noise.ready) {
    return { ...base, score: 0, kind: undefined };
  }

  const seconds = window.end - window.start;
  const rarity = (direction: Direction) =>
    Math.max(...baselines.map((b) => models.noise.log10Rarity(value - b.expected, direction)));
  // The least any baseline expects: with few events expected, a quiet window is not news.
  const least = Math.min(...baselines.map((baseline) => destabilise(baseline.expected)));
  const fallJudged = least >= settings.minExpectedCount;
  const rise = scoreOf(rarity('up'), seconds);
  const fall = fallJudged ? scoreOf(rarity('down'), seconds) : 0;
  const quiet = fallJudged
    ? scoreOf(models.silence.log10Rarity(window.count, least, models.counts), seconds)
    : 0;
  const score = Math.max(rise, fall, quiet);

  let kind: CountAnomalyKind | undefined;
  if (score >= alertThreshold(settings)) {
    kind = rise >= score ? 'spike' : isSilent(window.count, expected) ? 'silence' : 'drop';
  }
  const enabled = kind !== undefined && settings.kinds.includes(kind);
  return { ...base, score, kind: enabled ? kind : undefined };
}
