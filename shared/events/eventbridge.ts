import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type EventPublisher, type ServiceEvent } from './publisher.js';

/** PutEvents takes at most this many entries per call. */
const MAX_ENTRIES = 10;

/** An event the bus refused; the message names the detail-type and the bus's reason. */
export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
}

/** Publishes on an EventBridge bus, failing when any entry is refused. */
export function eventBridgePublisher(client: EventBridgeClient, busName: string): EventPublisher {
  return {
    async publish(events: readonly ServiceEvent[]): Promise<void> {
      for (let start = 0; start < events.length; start += MAX_ENTRIES) {
        const batch = events.slice(start, start + MAX_ENTRIES);
        const answer = await client.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: busName,
              Source: EVENT_SOURCE,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
            })),
          }),
        );
        const failed = (answer.Entries ?? [])
          .map((entry, index) => ({ entry, event: batch[index] }))
          .filter(({ entry }) => entry.ErrorCode !== undefined);
        if ((answer.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
          const reasons = failed.map(
            ({ entry, event }) => `${event?.detailType}: ${entry.ErrorCode} ${entry.ErrorMessage}`,
          );
          throw new EventPublishError(`bus ${busName} refused events: ${reasons.join('; ')}`);
        }
      }
    },
  };
}
