/** Value of `source` on every event this service puts on its bus. */
export const EVENT_SOURCE = 'edr-count-history';

/** Detail of "Event Counts Collected", published after every collector run that wrote. */
export interface CountsCollected {
  source: string;
  /** Range re-read and written by the run, ISO-8601. */
  from: string;
  to: string;
  minutes: number;
  /** Events in the range written. */
  events: number;
  /** End of settled history after the run, ISO-8601. */
  checkpoint: string;
  /** End of stored history after the run, ISO-8601. */
  collectedUntil: string;
  /** False when the run stopped at its bound with more history left to fetch. */
  caughtUp: boolean;
}

/** An event this service publishes, by EventBridge detail-type. */
export interface ServiceEvent<TDetail = unknown> {
  detailType: string;
  detail: TDetail;
}

/**
 * Where the service announces what happened: EventBridge in AWS, an in-process bus locally.
 * Kept this small so the local stack can plug in its own.
 */
export interface EventPublisher {
  publish(events: readonly ServiceEvent[]): Promise<void>;
}
