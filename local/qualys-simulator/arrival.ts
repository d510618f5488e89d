import { Salt, unitDraw } from './hash.js';

/**
 * How a minute's events reach the simulated Qualys: most within a lag after the minute ends,
 * a small share (endpoints that were offline) later still. Every share and delay is a draw from
 * the seed and the minute, so what is visible at a given instant is deterministic.
 */
export interface ArrivalSettings {
  seed: number;
  /** Seconds after a minute ends by which its on-time events have all arrived. */
  arrivalLagSeconds: number;
  /** Mean share of a minute's events that arrive after the lag (0 turns late events off). */
  lateShare: number;
  /** Seconds after a minute ends by which even its late events have all arrived. */
  lateMaxSeconds: number;
}

/** Share of `part` that has arrived `elapsed` seconds into a window of `span` seconds. */
function arrived(part: number, elapsed: number, span: number, curve: 'front' | 'even'): number {
  if (part === 0 || elapsed <= 0) return 0;
  if (elapsed >= span) return part;
  const progress = elapsed / span;
  // On-time events mostly come in early in their window (front-loaded); late ones trickle.
  const share = curve === 'front' ? 1 - (1 - progress) ** 2 : progress;
  return Math.floor(part * share);
}

/**
 * Events of the minute starting at `minute` (epoch seconds) visible at `nowSeconds`, out of its
 * `truth`. Never decreases as `nowSeconds` grows, and equals `truth` from
 * `minute + 60 + lateMaxSeconds` on. Minutes that have not started show 0.
 */
export function visibleCount(
  settings: ArrivalSettings,
  minute: number,
  truth: number,
  nowSeconds: number,
): number {
  const age = nowSeconds - minute;
  const onTimeSpan = 60 + settings.arrivalLagSeconds;
  if (age >= 60 + settings.lateMaxSeconds) return truth;
  if (age <= 0 || truth === 0) return 0;

  const minuteIndex = Math.floor(minute / 60);
  const lateDraw = unitDraw(settings.seed, minuteIndex, Salt.lateShare);
  const late = Math.floor(truth * Math.min(1, 2 * settings.lateShare * lateDraw));
  const onTime = truth - late;

  const lateWindow = settings.lateMaxSeconds - settings.arrivalLagSeconds;
  const lateSpan = lateWindow * unitDraw(settings.seed, minuteIndex, Salt.lateDelay);
  return (
    arrived(onTime, age, onTimeSpan, 'front') + arrived(late, age - onTimeSpan, lateSpan, 'even')
  );
}
