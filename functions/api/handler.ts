import { createDocumentClient } from '#shared/aws/dynamodb.js';
import { apiEnv } from '#shared/config/api.js';
import { DynamoHistoryStore } from '#shared/history/dynamo-store.js';
import { createLogger, createMetrics } from '#shared/observability.js';
import { createApiHandler } from './app.js';

// Cold start: validate the environment once (a bad value fails here, with its name) and create
// the clients that every invocation of this container reuses.
const env = apiEnv(process.env);
const client = createDocumentClient();

/** Lambda entry of the time-bucket API (API Gateway REST proxy integration). */
export const handler = createApiHandler({
  store: new DynamoHistoryStore({ client, tableName: env.TABLE_NAME }),
  env,
  logger: createLogger('api'),
  metrics: createMetrics('api'),
});
