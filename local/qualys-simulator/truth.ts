import { normalDraws, Salt, unitDraw } from './hash.js';
import { rhythmAt } from './rhythm.js';

/** What the simulated truth depends on. */
export interface TruthSettings {
  /** Seed of every draw; the same seed always gives the same counts. */
  seed: number;
  /** Mean events per minute over a week. */
  eventsPerMinute: number;
  /** Offset of the simulated organisation's local time from UTC, which sets its rhythm. */
  utcOffsetMinutes: number;
}

/** Day-to-day variation of the overall level: each day is 10% above or below the mean at most. */
const DAY_SPREAD = 0.1;
/** Minute-to-minute variation beyond counting noise (bursty endpoints), as a share of the mean. */
const EXTRA_NOISE = 0.06;

/**
 * Events that happened in the minute starting at `minute` (epoch seconds), before anomalies:
 * the weekly rhythm times a per-day level, plus counting noise (about Poisson) and a little
 * extra noise, all drawn from hashes of the seed and the minute. Any minute, past or future,
 * is computed on its own in constant time.
 */
export function baselineCount(settings: TruthSettings, minute: number): number {
  const minuteIndex = Math.floor(minute / 60);
  const localMinute = minuteIndex + settings.utcOffsetMinutes;
  const localDay = Math.floor(localMinute / 1440);

  const dayLevel = 1 + DAY_SPREAD * (2 * unitDraw(settings.seed, localDay, Salt.dayLevel) - 1);
  const mean = settings.eventsPerMinute * rhythmAt(localMinute) * dayLevel;

  const [counting, extra] = normalDraws(settings.seed, minuteIndex, Salt.countNoise);
  const count = mean + Math.sqrt(mean) * counting + EXTRA_NOISE * mean * extra;
  return Math.max(0, Math.round(count));
}
