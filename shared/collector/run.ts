import { type StoredMinute, withRunningTotals } from '../history/minutes.js';
import {
  HistoryGapError,
  type HistoryStore,
  type SourceState,
  type StateUpdate,
} from '../history/store.js';
import { type Log, silentLog } from '../log.js';
import type { QualysCounts } from '../qualys/types.js';
import { type Clock, minuteFloor, nowSeconds } from '../time.js';
import type { CollectorSettings } from './settings.js';
import { chunksOf, nextRunWindow, type RunWindow, stateAfterChunk } from './window.js';

/** What a collector run needs; all of it injected so tests and the local stack plug in theirs. */
export interface CollectDeps {
  store: HistoryStore;
  qualys: QualysCounts;
  clock: Clock;
  /** Unique id of this run, the lease owner. */
  runId: string;
  /** Epoch ms after which no new chunk is started (the function's timeout, less a margin). */
  deadlineMs?: number;
  log?: Log;
}

/** Outcome of one run for one source. Instants in epoch seconds. */
export interface RunResult {
  source: string;
  /** `busy`: another run holds the source's lease; `idle`: nothing to read yet. */
  status: 'collected' | 'idle' | 'busy';
  from?: number;
  to?: number;
  minutes: number;
  events: number;
  state: SourceState;
  /** False when the run stopped (bound or deadline) with history left to read. */
  caughtUp: boolean;
}

/** Running total at the start of the window: the stored total just before it. */
async function totalBefore(
  store: HistoryStore,
  source: string,
  window: RunWindow,
): Promise<number> {
  if (window.from <= window.firstMinute) return 0;
  const previous = window.from - 60;
  const item = (await store.readMinutes(source, [previous])).get(previous);
  if (item === undefined) {
    const message = `minute ${previous} of ${source} is missing, so running totals cannot continue`;
    throw new HistoryGapError(`${message}; restore the table or re-collect from its start`);
  }
  return item.before + item.count;
}

function toUpdate(next: SourceState): StateUpdate {
  return { ...next, resumeFrom: next.resumeFrom ?? null };
}

/**
 * Collects one source: reads the window from Qualys chunk by chunk, writes the minutes, and
 * moves the state after each chunk, so a failure at any point loses nothing and the next run
 * starts where this one stopped. Writes are idempotent puts of whole minutes: a re-run over
 * the same window changes nothing. Only the lease holder works on a source.
 */
export async function collectSource(
  source: string,
  settings: CollectorSettings,
  deps: CollectDeps,
): Promise<RunResult> {
  const { store, qualys, clock, runId } = deps;
  const log = deps.log ?? silentLog;
  const startedAt = nowSeconds(clock);
  if (!(await store.acquireLease(source, runId, startedAt, settings.leaseSeconds))) {
    log.warn('Another run holds the lease; skipping this run', { source });
    const state = await store.readState(source);
    return { source, status: 'busy', minutes: 0, events: 0, state, caughtUp: false };
  }

  try {
    let state = await store.readState(source);
    const window = nextRunWindow(state, settings, startedAt);
    if (window === undefined) {
      return { source, status: 'idle', minutes: 0, events: 0, state, caughtUp: true };
    }

    let before = await totalBefore(store, source, window);
    let minutes = 0;
    let events = 0;
    let to = window.from;
    for (const chunk of chunksOf(window, settings.chunkMinutes)) {
      if (deps.deadlineMs !== undefined && clock().getTime() >= deps.deadlineMs) break;

      const counts = await qualys.fetchMinuteCounts(chunk.from, chunk.to);
      const stored: StoredMinute[] = withRunningTotals(counts, before);
      await store.writeMinutes(source, stored);

      const next = stateAfterChunk(
        state,
        chunk,
        window.firstMinute,
        settings.settlingSeconds,
        nowSeconds(clock),
      );
      await store.commitState(source, runId, toUpdate(next));
      state = next;
      const chunkEvents = counts.reduce((total, { count }) => total + count, 0);
      events += chunkEvents;
      before += chunkEvents;
      minutes += counts.length;
      to = chunk.to;
    }

    const finished = to === window.to;
    const caughtUp = finished && window.to === minuteFloor(startedAt);
    const finalUpdate: { lastRunAt: number; restatedAt?: number } = {
      lastRunAt: nowSeconds(clock),
    };
    // A first read of a source is as fresh as a restatement; the next pass is due a full period on.
    const firstRead = state.lastRunAt === undefined;
    if (finished && (window.restating || firstRead)) finalUpdate.restatedAt = startedAt;
    await store.commitState(source, runId, finalUpdate);
    state = { ...state, ...finalUpdate };

    log.info('Collected', { source, from: window.from, to, minutes, events, caughtUp });
    return { source, status: 'collected', from: window.from, to, minutes, events, state, caughtUp };
  } finally {
    // A lease that cannot be released expires on its own; the run's own outcome matters more.
    await store.releaseLease(source, runId).catch((error: unknown) => {
      log.warn('Could not release the lease; it will expire', { source, error });
    });
  }
}
