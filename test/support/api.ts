import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createApiHandler } from '#functions/api/app.js';
import { toApiGatewayEvent } from '#local/lambda/api-gateway-event.js';
import { localContext } from '#local/lambda/context.js';
import { apiEnv } from '#shared/config/api.js';
import type { HistoryStore } from '#shared/history/store.js';

/** A time-bucket API over `store`, called like API Gateway calls it. */
export function apiOver(store: HistoryStore, env: Record<string, string> = {}) {
  const handler = createApiHandler({
    store,
    env: apiEnv({ TABLE_NAME: 'test', SOURCE_NAMES: 'acme,beta', ...env }),
    logger: new Logger({ serviceName: 'api-test' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'api-test' }),
  });
  return async (
    query: string,
    path = '/ioc/v1/events/count/time-buckets',
  ): Promise<APIGatewayProxyResult> => {
    const request = { method: 'GET', path, query: new URLSearchParams(query), headers: {} };
    return handler(toApiGatewayEvent(request, path), localContext('api'));
  };
}
