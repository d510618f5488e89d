import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createCollectorHandler } from '#functions/collector/app.js';
import { localContext } from '#local/lambda/context.js';
import { collectorEnv } from '#shared/config/collector.js';
import type { EventPublisher } from '#shared/events/publisher.js';
import type { HistoryStore } from '#shared/history/store.js';
import type { QualysCounts } from '#shared/qualys/types.js';
import type { Clock } from '#shared/time.js';

/** Two example sources, as the SOURCES variable lists them. */
export const TEST_SOURCES = [
  { name: 'acme', qualysBaseUrl: 'https://qualys.invalid', secretId: 'acme-secret' },
  { name: 'beta', qualysBaseUrl: 'https://qualys.invalid', secretId: 'beta-secret' },
];

/** The collector handler over the given parts, invoked as Lambda invokes it. */
export function collectorOver(parts: {
  store: HistoryStore;
  qualysFor: (source: { name: string }) => QualysCounts;
  publisher: EventPublisher;
  clock: Clock;
  env?: Record<string, string>;
}) {
  const handler = createCollectorHandler({
    env: collectorEnv({
      TABLE_NAME: 'test',
      EVENT_BUS_NAME: 'bus',
      SOURCES: JSON.stringify(TEST_SOURCES),
      ...parts.env,
    }),
    store: parts.store,
    qualysFor: parts.qualysFor,
    publisher: parts.publisher,
    clock: parts.clock,
    logger: new Logger({ serviceName: 'collector-test' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'collector-test' }),
  });
  return (event: unknown) => handler(event, localContext('collector', 900_000));
}
