import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { EVENT_SOURCE, type EventPublisher, type ServiceEvent } from '#shared/events/publisher.js';

/** A target of a rule: gets the event as EventBridge delivers it to a Lambda function. */
export type EventTarget = (event: EventBridgeEvent<string, unknown>) => Promise<unknown>;

/** The in-process stand-in for the service's EventBridge bus and its rules. */
export interface LocalEventBus {
  publisher: EventPublisher;
  /** A rule: every event of `detailType` goes to `target`. */
  on(detailType: string, target: EventTarget): void;
  /** Resolves when every delivery started so far has finished (for clean shutdown and tests). */
  drain(): Promise<void>;
}

/**
 * Delivers like EventBridge does: asynchronously, after `publish` has returned, in the envelope
 * a Lambda target receives; a target's failure is reported to `onError` and never reaches
 * the publisher.
 */
export function createLocalEventBus(onError: (error: unknown) => void): LocalEventBus {
  const rules: { detailType: string; target: EventTarget }[] = [];
  const inFlight = new Set<Promise<unknown>>();

  const envelope = (event: ServiceEvent): EventBridgeEvent<string, unknown> => ({
    version: '0',
    id: randomUUID(),
    'detail-type': event.detailType,
    source: EVENT_SOURCE,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [],
    detail: event.detail,
  });

  const deliver = (event: ServiceEvent) => {
    for (const rule of rules.filter((candidate) => candidate.detailType === event.detailType)) {
      const delivery = Promise.resolve()
        .then(() => rule.target(envelope(event)))
        .catch(onError)
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  };

  return {
    publisher: {
      async publish(events) {
        for (const event of events) deliver(event);
      },
    },
    on(detailType, target) {
      rules.push({ detailType, target });
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
