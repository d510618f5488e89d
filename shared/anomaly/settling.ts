/**
 * The settling rule. Events reach Qualys late, so the newest minutes keep growing for a while
 * after they are first collected; a window that ends after the settled-until instant is not
 * final and must not be judged, or it would look like a drop while it is still filling.
 */
import type { WindowCount } from './types.js';

const MINUTE = 60;

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
