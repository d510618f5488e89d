import { Duration } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { Dashboard, GraphWidget, type IWidget, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config/service-config.js';
import {
  API_METRICS,
  apiMetric,
  COLLECTOR_METRICS,
  type CollectorMetricName,
  collectorMetric,
} from '../metrics.js';

/** Props of the dashboard. */
export interface ServiceDashboardProps {
  readonly config: ServiceConfig;
  readonly stage: Stage;
  readonly functions: Readonly<Record<'collector' | 'api' | 'anomaly', IFunction>>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * One dashboard per stage: is collection keeping up (lag, runs, what was written), how the API
 * answers (latency, cache hits and misses, errors), and how the functions fare.
 */
export class ServiceDashboard extends Construct {
  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { config, stage, functions } = props;
    const perSource = (name: CollectorMetricName, stat: string) =>
      config.sources.map((s) => collectorMetric(name, s.name, stat, FIVE_MINUTES, s.name));

    const graph = (title: string, left: Metric[], right: Metric[] = []): IWidget =>
      new GraphWidget({ title, left, right, width: 8, height: 6 });
    const lambdaMetric = (fn: IFunction, metric: 'Errors' | 'Throttles', label: string) =>
      fn.metric(metric, { statistic: 'Sum', period: FIVE_MINUTES, label });

    new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          graph('Collection lag (s, max)', perSource(COLLECTOR_METRICS.collectionLag, 'Maximum')),
          graph('Successful runs', perSource(COLLECTOR_METRICS.runSucceeded, 'Sum')),
          graph(
            'Minutes (left) and events (right) written',
            perSource(COLLECTOR_METRICS.minutesWritten, 'Sum'),
            perSource(COLLECTOR_METRICS.eventsWritten, 'Sum'),
          ),
        ],
        [
          graph('API latency (ms)', [
            stage.metricLatency({ statistic: 'p50', period: FIVE_MINUTES, label: 'p50' }),
            stage.metricLatency({ statistic: 'p99', period: FIVE_MINUTES, label: 'p99' }),
            stage.metricIntegrationLatency({
              statistic: 'p99',
              period: FIVE_MINUTES,
              label: 'integration p99',
            }),
          ]),
          graph('API cache hits and misses', [
            stage.metricCacheHitCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'hits' }),
            stage.metricCacheMissCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'misses' }),
          ]),
          graph('API requests and errors', [
            stage.metricCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'requests' }),
            stage.metricClientError({ statistic: 'Sum', period: FIVE_MINUTES, label: '4XX' }),
            stage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES, label: '5XX' }),
          ]),
        ],
        [
          graph(
            'Items read per answer (about bucketCount + 2 by design)',
            ['Average', 'Maximum'].map((stat) =>
              apiMetric(API_METRICS.itemsRead, stat, FIVE_MINUTES, stat.toLowerCase()),
            ),
          ),
          graph('Answers over incompletely collected ranges', [
            apiMetric(API_METRICS.incompleteCoverage, 'Sum', FIVE_MINUTES, 'answers'),
          ]),
        ],
        [
          graph(
            'Function errors',
            Object.entries(functions).map(([name, fn]) => lambdaMetric(fn, 'Errors', name)),
          ),
          graph(
            'Function throttles (the collector queues behind its one slot)',
            Object.entries(functions).map(([name, fn]) => lambdaMetric(fn, 'Throttles', name)),
          ),
          graph(
            'Function duration (ms, p99)',
            Object.entries(functions).map(([name, fn]) =>
              fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: name }),
            ),
          ),
        ],
      ],
    });
  }
}
