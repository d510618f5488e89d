import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { answerQuery } from '#shared/answer/answer.js';
import { parseBucketQuery } from '#shared/buckets/query.js';
import type { ApiEnv } from '#shared/config/api.js';
import { InvalidRequestError } from '#shared/errors.js';
import type { HistoryStore } from '#shared/history/store.js';
import { httpErrors } from './errors.js';
import { answerResponse } from './response.js';

/** What the API handler runs on: AWS services in Lambda, local ones in `npm start`. */
export interface ApiDeps {
  store: HistoryStore;
  env: ApiEnv;
  logger: Logger;
  metrics: Metrics;
}

/** Names of query parameters given more than once (API Gateway keeps only the last). */
function repeatedParameters(event: APIGatewayProxyEvent): string[] {
  const multi = event.multiValueQueryStringParameters ?? {};
  return Object.entries(multi)
    .filter(([, values]) => (values?.length ?? 0) > 1)
    .map(([name]) => name);
}

function sourceOf(requested: string | undefined, env: ApiEnv): string {
  const source = requested ?? env.DEFAULT_SOURCE ?? env.SOURCE_NAMES[0] ?? '';
  if (env.SOURCE_NAMES.includes(source)) return source;
  const fix = `use one of: ${env.SOURCE_NAMES.join(', ')}`;
  const problem = { parameter: 'source', value: source, message: 'is not a collected source', fix };
  throw new InvalidRequestError([problem]);
}

/**
 * The Qualys-compatible time-bucket API: same paths, parameters and body as
 * `GET /ioc/v1/events/count/time-buckets`, answered from stored history.
 */
export function createApiHandler(deps: ApiDeps) {
  const { store, env, logger, metrics } = deps;
  const cache = {
    freshMaxAgeSeconds: env.FRESH_MAX_AGE_SECONDS,
    settledMaxAgeSeconds: env.SETTLED_MAX_AGE_SECONDS,
  };

  const answer = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    logger.debug('Request', { path: event.path, query: event.queryStringParameters });
    // Counted first, so a rejected request has a metric too (and Powertools no empty flush).
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    const query = parseBucketQuery(event.queryStringParameters ?? {}, repeatedParameters(event));
    const source = sourceOf(query.source, env);

    const result = await answerQuery(query, source, store, cache);

    metrics.addMetric('ItemsRead', MetricUnit.Count, result.itemsRead);
    if (!result.complete) metrics.addMetric('IncompleteCoverage', MetricUnit.Count, 1);
    logger.info('Answered', {
      source,
      bucketCount: query.request.bucketCount,
      itemsRead: result.itemsRead,
      complete: result.complete,
    });
    return answerResponse(result, source, query.ignoredFilter);
  };

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>(answer)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(httpErrors(logger));
}
