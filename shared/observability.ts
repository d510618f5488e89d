import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of every metric this service emits (alarms and dashboard use it). */
export const METRIC_NAMESPACE = 'EdrCountHistory';

/**
 * Structured JSON logger of one function. Level from POWERTOOLS_LOG_LEVEL (INFO by default);
 * the Lambda context (request id, cold start) is added by the handler's middleware.
 */
export function createLogger(service: string): Logger {
  return new Logger({ serviceName: service });
}

/** Metrics of one function, flushed as CloudWatch EMF log lines after each invocation. */
export function createMetrics(service: string): Metrics {
  return new Metrics({ namespace: METRIC_NAMESPACE, serviceName: service });
}
