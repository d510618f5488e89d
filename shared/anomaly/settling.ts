/**
 * The settling rule. Events reach Qualys late, so the newest minutes keep growing for a while
 * after they are first collected; a window that ends after the settled-until instant is not
 * final and must not be judged, or it would look like a drop while it is still filling.
 */
import type { WindowCount } from './types.js';

const MINUTE = 60;

/** One minute of stored history: its start (epoch seconds) and its event count. */
export interface MinuteCount {
  readonly start: number;
  readonly count: number;
}

/**
 * The instant before which counts are final, given the time and the settling window: the start
 * of the current minute, less the settling window (the collector re-reads that much each run).
 */
export function settledUntilAt(nowSeconds: number, settlingMinutes: number): number {
  return Math.floor(nowSeconds / MINUTE) * MINUTE - settlingMinutes * MINUTE;
}

/** Whether a window's count is final: it ends at or before `settledUntil` (epoch seconds). */
export function isSettled(window: Pick<WindowCount, 'end'>, settledUntil: number): boolean {
  return window.end <= settledUntil;
}

/** The windows whose counts are final, in their order. */
export function settledWindows<T extends Pick<WindowCount, 'end'>>(
  windows: readonly T[],
  settledUntil: number,
): T[] {
  return windows.filter((window) => isSettled(window, settledUntil));
}

/**
 * Sums minute history into evaluation windows of `windowMinutes`, aligned to multiples of the
 * window length since the epoch (as Qualys aligns its buckets). Only windows that are settled
 * and complete come out: a window with a minute that was never collected is left out rather
 * than judged on part of its events, since "not collected" is not "no events".
 */
export function windowsFromMinutes(
  minutes: readonly MinuteCount[],
  windowMinutes: number,
  settledUntil: number,
): WindowCount[] {
  const width = windowMinutes * MINUTE;
  const sums = new Map<number, { count: number; minutes: Set<number> }>();
  for (const minute of minutes) {
    const start = Math.floor(minute.start / width) * width;
    const sum = sums.get(start) ?? { count: 0, minutes: new Set<number>() };
    if (!sum.minutes.has(minute.start)) {
      sum.minutes.add(minute.start);
      sum.count += minute.count;
    }
    sums.set(start, sum);
  }
  return [...sums.entries()]
    .filter(([, sum]) => sum.minutes.size === windowMinutes)
    .map(([start, sum]) => ({ start, end: start + width, count: sum.count }))
    .filter((window) => isSettled(window, settledUntil))
    .sort((a, b) => a.start - b.start);
}
