import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_METRICS } from '#infra/lib/metrics.js';
import { COUNTS_COLLECTED } from '#shared/collector/event.js';
import { EVENT_SOURCE } from '#shared/events/publisher.js';
import { METRIC_NAMESPACE } from '#shared/observability.js';
import { synthService } from './fixtures.js';

describe('the anomaly detector wiring', () => {
  const changes = { alerts: { anomalySettings: { example: { sensitivity: 0.7 } } } };
  const { serviceTemplate: template } = synthService({ changes });

  it('runs the anomaly function for every "Event Counts Collected" on the service bus', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': [COUNTS_COLLECTED] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnomalyDetectorHandler'), 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
  });

  it('runs it on a schedule as a watchdog for stalled collection', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      EventBusName: Match.absent(),
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnomalyDetectorHandler'), 'Arn'] },
        }),
      ],
    });
  });

  it('hands the anomaly function its settings and the stall rule', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SOURCE_NAMES: 'example',
          COLLECTION_INTERVAL_MINUTES: '5',
          STALL_INTERVALS: '3',
          SETTLING_MINUTES: '15',
          ANOMALY_SETTINGS: Match.serializedJson({
            example: Match.objectLike({ sensitivity: 0.7, windowMinutes: 15 }),
          }),
        }),
      },
    });
  });
});

describe('the alarms and the dashboard', () => {
  const { serviceTemplate: template } = synthService();
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
  const alarm = (idPrefix: string) => alarms.find(([id]) => id.startsWith(idPrefix))?.[1];

  it('alarms on collector errors, stale collection, API 5XX, anomaly errors, dead letters', () => {
    for (const prefix of [
      'AlarmsCollectorErrors',
      'AlarmsCollectionStaleexample',
      'AlarmsApi5xx',
      'AlarmsAnomalyErrors',
      'AlarmsCollectorDeadLetters',
      'AlarmsAnomalyDeadLetters',
    ]) {
      expect(alarm(prefix), prefix).toBeDefined();
    }
  });

  it('sends every alarm and its recovery to the notification topic', () => {
    const topicArn = (value: unknown) => JSON.stringify(value).includes('NotificationsTopic');
    for (const [id, resource] of alarms) {
      expect(resource.Properties.AlarmActions.some(topicArn), id).toBe(true);
      expect(resource.Properties.OKActions.some(topicArn), id).toBe(true);
    }
  });

  it('calls collection stale after three intervals without a successful run, or no data', () => {
    expect(alarm('AlarmsCollectionStaleexample')?.Properties).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      MetricName: COLLECTOR_METRICS.runSucceeded,
      Dimensions: expect.arrayContaining([
        { Name: 'service', Value: 'collector' },
        { Name: 'source', Value: 'example' },
      ]),
      Statistic: 'Sum',
      Period: 900,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('alarms on any API 5XX of the stage', () => {
    expect(alarm('AlarmsApi5xx')?.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('charts collection lag, API latency and cache hits and misses', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    for (const metric of ['CollectionLagSeconds', 'Latency', 'CacheHitCount', 'CacheMissCount']) {
      expect(body, metric).toContain(`\\"${metric}\\"`);
    }
  });
});
