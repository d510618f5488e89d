import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDocumentClient } from '#shared/aws/dynamodb.js';
import { anomalyEnv } from '#shared/config/anomaly.js';
import { eventBridgePublisher } from '#shared/events/eventbridge.js';
import { DynamoAlertStore } from '#shared/history/dynamo-alerts.js';
import { DynamoHistoryStore } from '#shared/history/dynamo-store.js';
import { createLogger, createMetrics } from '#shared/observability.js';
import { systemClock } from '#shared/time.js';
import { createAnomalyHandler } from './app.js';

// Cold start: validate the environment (per-source settings included) and create the clients.
const env = anomalyEnv(process.env);
const client = createDocumentClient();

/** Lambda entry of the anomaly detector (EventBridge rule and watchdog schedule). */
export const handler = createAnomalyHandler({
  env,
  store: new DynamoHistoryStore({ client, tableName: env.TABLE_NAME }),
  alerts: new DynamoAlertStore(client, env.TABLE_NAME),
  publisher: eventBridgePublisher(new EventBridgeClient({}), env.EVENT_BUS_NAME),
  clock: systemClock,
  logger: createLogger('anomaly'),
  metrics: createMetrics('anomaly'),
});
