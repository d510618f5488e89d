import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC_NAMESPACE } from '#shared/observability.js';

/**
 * The collector's custom metrics, as the alarms and the dashboard read them. The collector
 * emits them with Powertools Metrics in namespace `EdrCountHistory` with two dimensions:
 * `service` = `collector` (Powertools adds it from the service name) and `source` = the source
 * name. An emitter that drops the `source` dimension is invisible to these alarms, and the
 * stale-collection alarm then fires, because it treats missing data as a missed run.
 */
export const COLLECTOR_METRICS = {
  /** Minutes written by a run (Count). */
  minutesWritten: 'MinutesWritten',
  /** Events in the minutes written by a run (Count). */
  eventsWritten: 'EventsWritten',
  /** Now minus the source's checkpoint after a run (Seconds). */
  collectionLag: 'CollectionLagSeconds',
  /** 1 for every run that ended without error, whether or not it wrote (Count). */
  runSucceeded: 'RunSucceeded',
} as const;

/** Value of the `service` dimension on the collector's metrics. */
export const COLLECTOR_SERVICE = 'collector';

/** The name of one of the collector's metrics. */
export type CollectorMetricName = (typeof COLLECTOR_METRICS)[keyof typeof COLLECTOR_METRICS];

/**
 * One of the collector's metrics for one source.
 * @param label legend text on a graph; @default none (an alarm then reads the metric directly)
 */
export function collectorMetric(
  name: CollectorMetricName,
  source: string,
  statistic: string,
  period: Duration,
  label?: string,
): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: COLLECTOR_SERVICE, source },
    statistic,
    period,
    label,
  });
}

/**
 * The API function's custom metrics (dimension `service` = `api`): items read per request,
 * which DESIGN.md bounds at about bucketCount + 2, and answers over incompletely collected
 * ranges.
 */
export const API_METRICS = { itemsRead: 'ItemsRead', incompleteCoverage: 'IncompleteCoverage' };

/** One of the API function's metrics. */
export function apiMetric(
  name: string,
  statistic: string,
  period: Duration,
  label: string,
): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: 'api' },
    statistic,
    period,
    label,
  });
}
