import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import type { AlertStore } from '#shared/anomaly/alert-store.js';
import { DEFAULT_SETTINGS } from '#shared/anomaly/settings.js';
import { type WatchResult, watchSource } from '#shared/anomaly/watch.js';
import { COUNTS_COLLECTED } from '#shared/collector/event.js';
import type { AnomalyEnv } from '#shared/config/anomaly.js';
import type { EventPublisher } from '#shared/events/publisher.js';
import type { HistoryStore } from '#shared/history/store.js';
import type { Clock } from '#shared/time.js';

/** What the anomaly function runs on: AWS services in Lambda, local ones in `npm start`. */
export interface AnomalyDeps {
  env: AnomalyEnv;
  store: HistoryStore;
  alerts: AlertStore;
  publisher: EventPublisher;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** "Event Counts Collected" names its source; the watchdog's scheduled event names none. */
const triggerEvent = z.looseObject({
  'detail-type': z.string(),
  detail: z.looseObject({ source: z.string().optional() }).optional(),
});

function sourcesToWatch(event: unknown, known: readonly string[]): string[] {
  const parsed = triggerEvent.safeParse(event);
  if (!parsed.success) {
    throw new TypeError('expected an EventBridge event: "Event Counts Collected" or a schedule');
  }
  const named = parsed.data.detail?.source;
  if (parsed.data['detail-type'] !== COUNTS_COLLECTED || named === undefined) return [...known];
  if (!known.includes(named))
    throw new TypeError(`unknown source "${named}"; known: ${known.join(', ')}`);
  return [named];
}

/**
 * The anomaly function: after each collection (or on the watchdog schedule, for every source)
 * judges the newest settled window and the collection lag, and publishes "Event Count Anomaly
 * Detected" / "Resolved" on the bus, from where a rule forwards them to SNS.
 */
export function createAnomalyHandler(deps: AnomalyDeps) {
  const { env, store, alerts, publisher, clock, logger, metrics } = deps;
  const stallAfterSeconds = env.STALL_INTERVALS * env.COLLECTION_INTERVAL_MINUTES * 60;

  const watch = async (event: unknown): Promise<WatchResult[]> => {
    logger.debug('Anomaly check invoked', { event });
    const results: WatchResult[] = [];
    for (const source of sourcesToWatch(event, env.SOURCE_NAMES)) {
      const anomaly = env.ANOMALY_SETTINGS[source] ?? DEFAULT_SETTINGS;
      const settings = { anomaly, settlingMinutes: env.SETTLING_MINUTES, stallAfterSeconds };
      const result = await watchSource(source, settings, { store, alerts, clock, log: logger });

      if (result.notifications.length > 0) {
        await publisher.publish(
          result.notifications.map((notification) => ({
            detailType: notification.type,
            detail: notification,
          })),
        );
      }
      await result.commit();
      for (const notification of result.notifications) {
        logger.info(notification.message, {
          source,
          kind: notification.kind,
          type: notification.type,
        });
      }
      metrics.addMetric('NotificationsPublished', MetricUnit.Count, result.notifications.length);
      results.push(result);
    }
    return results;
  };

  return middy<unknown, WatchResult[], Error, Context>(watch)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}
