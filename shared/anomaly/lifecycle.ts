/**
 * The alert lifecycle of one (source, kind), as a pure function: an anomaly opens once and
 * notifies, repeats are suppressed while it is open, and it closes (and notifies again) only
 * after the source has looked normal for the whole cooldown. The caller keeps the state (in
 * DynamoDB for the service, in memory for the benchmark).
 */
import {
  ANOMALY_DETECTED,
  ANOMALY_RESOLVED,
  type AnomalyNotification,
  notification,
} from './notification.js';
import type { AnomalyKind, Judgement } from './types.js';

/** The stored alert state of one (source, kind). */
export interface AlertState {
  readonly source: string;
  readonly kind: AnomalyKind;
  readonly status: 'open' | 'closed';
  /** Epoch seconds at which the current (or last) anomaly opened. */
  readonly openedAt?: number;
  /** End (epoch seconds) of the last window found anomalous while open. */
  readonly lastAnomalousEnd?: number;
  /** Epoch seconds at which the last anomaly closed. */
  readonly closedAt?: number;
  /** Highest score seen while open. */
  readonly peakScore?: number;
}

/** What the lifecycle needs besides the previous state. */
export interface AlertStep {
  readonly source: string;
  readonly kind: AnomalyKind;
  /** The newest settled window's judgement; anomalous for this alert when its kind matches. */
  readonly latest: Judgement;
  /** The current time, epoch seconds: recorded as the opening or closing time. */
  readonly now: number;
  /** Minutes of normal windows (by their end times) needed before an open anomaly closes. */
  readonly cooldownMinutes: number;
}

/** The next state to store and the notification to publish, if any. */
export interface AlertTransition {
  readonly state: AlertState;
  readonly notification: AnomalyNotification | undefined;
}

/** A closed state for a (source, kind) never seen before. */
export function closedAlert(source: string, kind: AnomalyKind): AlertState {
  return { source, kind, status: 'closed' };
}

/**
 * Advances the alert of `step.source` and `step.kind` by the newest judgement. Judging the same
 * window twice (an event delivered twice) publishes nothing the second time.
 */
export function nextAlertState(previous: AlertState | undefined, step: AlertStep): AlertTransition {
  const state = previous ?? closedAlert(step.source, step.kind);
  const anomalous = step.latest.kind === step.kind;

  if (state.status === 'closed') {
    if (!anomalous) {
      return { state, notification: undefined };
    }
    const opened: AlertState = {
      ...state,
      status: 'open',
      openedAt: step.now,
      lastAnomalousEnd: step.latest.end,
      peakScore: step.latest.score,
    };
    const detected = notification(ANOMALY_DETECTED, step.source, step.kind, step.latest, step.now);
    return { state: opened, notification: detected };
  }

  if (anomalous) {
    const lastAnomalousEnd = Math.max(state.lastAnomalousEnd ?? step.latest.end, step.latest.end);
    const peakScore = Math.max(state.peakScore ?? 0, step.latest.score);
    return { state: { ...state, lastAnomalousEnd, peakScore }, notification: undefined };
  }

  const normalFor = step.latest.end - (state.lastAnomalousEnd ?? step.latest.end);
  if (normalFor < step.cooldownMinutes * 60) {
    return { state, notification: undefined };
  }
  const closed: AlertState = { ...state, status: 'closed', closedAt: step.now };
  const openedAt = state.openedAt ?? step.now;
  const resolved = notification(ANOMALY_RESOLVED, step.source, step.kind, step.latest, openedAt);
  return { state: closed, notification: resolved };
}
