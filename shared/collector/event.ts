import type { CountsCollected, ServiceEvent } from '../events/publisher.js';
import { isoSeconds } from '../time.js';
import type { RunResult } from './run.js';

/** Detail-type of the event a collector run publishes after writing. */
export const COUNTS_COLLECTED = 'Event Counts Collected';

/** The "Event Counts Collected" event of a run, or undefined when the run wrote nothing. */
export function countsCollectedEvent(result: RunResult): ServiceEvent<CountsCollected> | undefined {
  const { from, to, state } = result;
  if (result.status !== 'collected' || from === undefined || to === undefined || from === to) {
    return undefined;
  }
  return {
    detailType: COUNTS_COLLECTED,
    detail: {
      source: result.source,
      from: isoSeconds(from),
      to: isoSeconds(to),
      minutes: result.minutes,
      events: result.events,
      checkpoint: isoSeconds(state.checkpoint ?? from),
      collectedUntil: isoSeconds(state.collectedUntil ?? to),
      caughtUp: result.caughtUp,
    },
  };
}
