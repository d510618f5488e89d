import type { HistoryStore, SourceState } from '../history/store.js';
import { readWindowTotals } from '../history/windows.js';
import { type Log, silentLog } from '../log.js';
import { type Clock, nowSeconds } from '../time.js';
import type { AlertStore } from './alert-store.js';
import { assessLatest, RECOMMENDED_HISTORY_DAYS } from './detector.js';
import { nextAlertState } from './lifecycle.js';
import type { AnomalyNotification } from './notification.js';
import type { AnomalySettings } from './settings.js';
import { settledUntilAt } from './settling.js';
import type { Assessment, Judgement } from './types.js';

/** How one source is watched. */
export interface WatchSettings {
  anomaly: AnomalySettings;
  /** The collector's settling window: newer minutes are still filling and are not judged. */
  settlingMinutes: number;
  /** Collection is stalled when settled history lags now by more than this (seconds). */
  stallAfterSeconds: number;
}

/** What watching needs; injected so tests and the local stack plug in theirs. */
export interface WatchDeps {
  store: HistoryStore;
  alerts: AlertStore;
  clock: Clock;
  log?: Log;
}

/** The outcome of one check of one source. */
export interface WatchResult {
  source: string;
  /** The newest settled window's assessment; undefined without enough history. */
  latest?: Assessment;
  stalled: boolean;
  /** Notifications due: anomalies that opened or closed in this check. */
  notifications: AnomalyNotification[];
  /** Alert changes to save once the notifications are out (see `watchSource`). */
  commit(): Promise<void>;
}

/**
 * The stalled-collection judgement: settled history lags now by more than the settling window
 * plus the allowed lag, and no run has succeeded within the allowed lag either. A collector
 * catching up after an outage or on its first backfill lags too, but its runs succeed and
 * move the checkpoint: that is progress, not a stall. Undefined before the first collection.
 */
function stalledJudgement(
  state: SourceState,
  settings: WatchSettings,
  now: number,
): Judgement | undefined {
  if (state.checkpoint === undefined) return undefined;
  const lagging =
    now - state.checkpoint > settings.settlingMinutes * 60 + settings.stallAfterSeconds;
  const idle = state.lastRunAt === undefined || now - state.lastRunAt > settings.stallAfterSeconds;
  const stalled = lagging && idle;
  return {
    start: state.checkpoint,
    end: now,
    observed: 0,
    expected: 0,
    score: stalled ? 1 : 0,
    kind: stalled ? 'stalled' : undefined,
  };
}

/**
 * Judges a source's newest settled window and its collection lag, and advances each enabled
 * kind's alert. Windows come from the running totals (one item per window edge over
 * RECOMMENDED_HISTORY_DAYS); a window that ends inside the settling window or after the
 * collector's checkpoint is never judged, so filling minutes do not look like a drop.
 *
 * Notifications are returned before the alert states are saved: publish them, then call
 * `commit()`. A publish that fails leaves the states unsaved and the next check announces
 * again (at least once rather than never).
 */
export async function watchSource(
  source: string,
  settings: WatchSettings,
  deps: WatchDeps,
): Promise<WatchResult> {
  const log = deps.log ?? silentLog;
  const now = nowSeconds(deps.clock);
  const state = await deps.store.readState(source);
  const settledUntil = Math.min(
    state.checkpoint ?? 0,
    settledUntilAt(now, settings.settlingMinutes),
  );

  const windowSeconds = settings.anomaly.windowMinutes * 60;
  const from = settledUntil - RECOMMENDED_HISTORY_DAYS * 86_400;
  const windows = await readWindowTotals(
    deps.store,
    source,
    state,
    windowSeconds,
    from,
    settledUntil,
  );
  const latest = assessLatest(windows, settings.anomaly);
  const stalled = stalledJudgement(state, settings, now);

  const stored = await deps.alerts.readAlerts(source);
  const notifications: AnomalyNotification[] = [];
  const changes: { next: Parameters<AlertStore['saveAlert']>[0]; version: number }[] = [];
  for (const kind of settings.anomaly.kinds) {
    const judgement = kind === 'stalled' ? stalled : latest;
    if (judgement === undefined) continue;
    const previous = stored.get(kind);
    const step = {
      source,
      kind,
      latest: judgement,
      now,
      cooldownMinutes: settings.anomaly.cooldownMinutes,
    };
    const { state: next, notification } = nextAlertState(previous?.state, step);
    if (notification !== undefined) notifications.push(notification);
    if (JSON.stringify(next) !== JSON.stringify(previous?.state)) {
      changes.push({ next, version: previous?.version ?? 0 });
    }
  }

  return {
    source,
    ...(latest === undefined ? {} : { latest }),
    stalled: stalled?.kind === 'stalled',
    notifications,
    async commit() {
      for (const { next, version } of changes) {
        if (!(await deps.alerts.saveAlert(next, version))) {
          log.warn('Another check changed this alert first; keeping its state', {
            source,
            kind: next.kind,
          });
        }
      }
    },
  };
}
