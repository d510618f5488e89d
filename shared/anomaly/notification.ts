/** The notifications the alert lifecycle publishes, and the sentence each carries for people. */
import type { AnomalyKind, Judgement } from './types.js';

/** EventBridge detail-type of an anomaly that opens. */
export const ANOMALY_DETECTED = 'Event Count Anomaly Detected';

/** EventBridge detail-type of an anomaly that closes. */
export const ANOMALY_RESOLVED = 'Event Count Anomaly Resolved';

/** What a notification announces. */
export type NotificationType = typeof ANOMALY_DETECTED | typeof ANOMALY_RESOLVED;

/** One notification, ready to publish as the detail of an EventBridge event. */
export interface AnomalyNotification {
  readonly type: NotificationType;
  readonly source: string;
  readonly kind: AnomalyKind;
  /** The window judged, as ISO-8601 instants (`to` exclusive). */
  readonly window: { readonly from: string; readonly to: string };
  readonly observed: number;
  /** What the baseline expected, rounded to a whole count. */
  readonly expected: number;
  /** Anomaly score of the window, 0..1. */
  readonly score: number;
  /** When the anomaly opened (ISO-8601); on both notifications, so people can pair them. */
  readonly openedAt: string;
  /** A sentence for people, e.g. for an e-mail subject or a chat message. */
  readonly message: string;
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** `10:45Z`: the clock time of an instant in UTC, as short as people write it. */
function clockTime(epochSeconds: number): string {
  return `${iso(epochSeconds).slice(11, 16)}Z`;
}

/** `2025-11-26 10:45Z`: an instant that may lie days back, to the minute. */
function dayAndTime(epochSeconds: number): string {
  return `${iso(epochSeconds).slice(0, 16).replace('T', ' ')}Z`;
}

/** `15 minutes`, `2 hours`: the length of a window in words. */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes % 60 === 0 && minutes >= 120) {
    return `${minutes / 60} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * The sentence of a notification about `judgement`. For `stalled`, the judgement's window is
 * the span not collected: from the checkpoint (`start`) to the time of the check (`end`).
 *
 * @example
 * // 'Events for acme dropped to 12 in the 15 minutes to 10:45Z, expected about 480.'
 */
export function notificationMessage(
  type: NotificationType,
  source: string,
  kind: AnomalyKind,
  judgement: Judgement,
): string {
  const observed = number(judgement.observed);
  const span = `in the ${duration(judgement.end - judgement.start)} to ${clockTime(judgement.end)}`;
  const tail = `${span}, expected about ${number(judgement.expected)}.`;
  if (kind === 'stalled') {
    const collection = `Collection for ${source}`;
    return type === ANOMALY_RESOLVED
      ? `${collection} has resumed: counts are stored up to ${dayAndTime(judgement.end)}.`
      : `${collection} has stalled: nothing settled after ${dayAndTime(judgement.start)}.`;
  }
  if (type === ANOMALY_RESOLVED) {
    return `Events for ${source} are back to normal after a ${kind}: ${observed} ${tail}`;
  }
  const what = { spike: 'rose to', drop: 'dropped to', silence: 'went silent:' }[kind];
  return `Events for ${source} ${what} ${observed} ${tail}`;
}

/** Builds the notification of `type` for `judgement`. */
export function notification(
  type: NotificationType,
  source: string,
  kind: AnomalyKind,
  judgement: Judgement,
  openedAt: number,
): AnomalyNotification {
  return {
    type,
    source,
    kind,
    window: { from: iso(judgement.start), to: iso(judgement.end) },
    observed: judgement.observed,
    expected: Math.round(judgement.expected),
    score: judgement.score,
    openedAt: iso(openedAt),
    message: notificationMessage(type, source, kind, judgement),
  };
}
