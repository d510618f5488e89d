import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '#shared/aws/dynamodb.js';
import { qualysClients } from '#shared/collector/qualys-clients.js';
import { collectorEnv } from '#shared/config/collector.js';
import { eventBridgePublisher } from '#shared/events/eventbridge.js';
import { DynamoHistoryStore } from '#shared/history/dynamo-store.js';
import { createLogger, createMetrics } from '#shared/observability.js';
import { secretsManagerCredentials } from '#shared/qualys/credential.js';
import { systemClock } from '#shared/time.js';
import { createCollectorHandler } from './app.js';

// Cold start: validate the environment once and create the clients every invocation reuses.
const env = collectorEnv(process.env);
const logger = createLogger('collector');
const secrets = new SecretsManagerClient({});

/** Lambda entry of the scheduled collector; the schedule's input is `{"source": "<name>"}`. */
export const handler = createCollectorHandler({
  env,
  store: new DynamoHistoryStore({ client: createDocumentClient(), tableName: env.TABLE_NAME }),
  qualysFor: qualysClients({
    credentialsFor: (source) => secretsManagerCredentials(secrets, source.secretId),
    maxAttempts: env.QUALYS_MAX_ATTEMPTS,
    timeoutMs: env.QUALYS_TIMEOUT_MS,
    logger,
  }),
  publisher: eventBridgePublisher(new EventBridgeClient({}), env.EVENT_BUS_NAME),
  clock: systemClock,
  logger,
  metrics: createMetrics('collector'),
});
