import type { SourceState } from '../history/store.js';
import { minuteFloor } from '../time.js';
import type { CollectorSettings } from './settings.js';

/** What one run reads: [from, to) in epoch seconds, on minute edges. */
export interface RunWindow {
  from: number;
  to: number;
  /** First minute of the source's history (set on its first run). */
  firstMinute: number;
  /** The run re-reads the restatement horizon; completing it records `restatedAt`. */
  restating: boolean;
}

/** The history start of a source that has none yet: the setting, else one day back. */
function initialStart(settings: CollectorSettings, now: number): number {
  return minuteFloor(settings.historyStart ?? now - 86_400);
}

function restatementDue(state: SourceState, settings: CollectorSettings, now: number): boolean {
  if (settings.restatementSeconds <= 0 || settings.restatementEverySeconds <= 0) return false;
  if (state.collectedUntil === undefined) return false;
  return (
    state.restatedAt === undefined || now - state.restatedAt >= settings.restatementEverySeconds
  );
}

/**
 * The window of the next run. It starts at the earliest of: the checkpoint (everything after
 * it is unsettled and may have grown), `resumeFrom` (a re-read that did not finish), and the
 * restatement horizon when a pass is due. It ends at the last whole minute, or earlier when the
 * run would fetch more than `maxMinutesPerRun`. Undefined when there is nothing to read.
 */
export function nextRunWindow(
  state: SourceState,
  settings: CollectorSettings,
  now: number,
): RunWindow | undefined {
  const end = minuteFloor(now);
  const firstMinute = state.firstMinute ?? initialStart(settings, now);
  const restating = restatementDue(state, settings, now);

  const starts = [state.checkpoint ?? state.collectedUntil ?? firstMinute];
  if (state.resumeFrom !== undefined) starts.push(state.resumeFrom);
  if (restating) starts.push(minuteFloor(end - settings.restatementSeconds));
  const from = Math.max(firstMinute, Math.min(...starts));

  const to = Math.min(end, from + settings.maxMinutesPerRun * 60);
  return from < to ? { from, to, firstMinute, restating } : undefined;
}

/** The chunks of a window, each at most `chunkMinutes` long, in order. */
export function chunksOf(window: RunWindow, chunkMinutes: number): { from: number; to: number }[] {
  const chunks: { from: number; to: number }[] = [];
  for (let from = window.from; from < window.to; from += chunkMinutes * 60) {
    chunks.push({ from, to: Math.min(window.to, from + chunkMinutes * 60) });
  }
  return chunks;
}

/**
 * State after writing the chunk [chunk.from, chunk.to) read at `now`. Minutes that ended at
 * least the settling window before `now` are settled; the checkpoint never moves back. When
 * the chunk rewrote history that continues after it, the running totals beyond may be stale
 * until the rest is rewritten, so `resumeFrom` marks where the next run must start.
 */
export function stateAfterChunk(
  state: SourceState,
  chunk: { from: number; to: number },
  firstMinute: number,
  settlingSeconds: number,
  now: number,
): SourceState {
  const collectedUntil = Math.max(state.collectedUntil ?? chunk.to, chunk.to);
  const settledEnd = Math.min(chunk.to, minuteFloor(now - settlingSeconds));
  const checkpoint = Math.max(state.checkpoint ?? firstMinute, settledEnd);
  const next: SourceState = { ...state, firstMinute, collectedUntil, checkpoint };
  if (chunk.to < collectedUntil) next.resumeFrom = chunk.to;
  else delete next.resumeFrom;
  return next;
}
