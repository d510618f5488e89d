import { Duration } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  type Alarm,
  ComparisonOperator,
  type Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config/service-config.js';
import { COLLECTOR_METRICS, collectorMetric } from '../metrics.js';

/** Props of the alarms. */
export interface AlarmsProps {
  readonly config: ServiceConfig;
  readonly topic: ITopic;
  readonly collector: IFunction;
  readonly collectorDeadLetters: IQueue;
  readonly anomaly: IFunction;
  readonly anomalyDeadLetters: IQueue;
  readonly stage: Stage;
}

/**
 * The alarms that page: each publishes to the notification topic when it fires and when it
 * clears, so people also learn that a problem went away.
 */
export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { config } = props;
    this.action = new SnsAction(props.topic);
    const interval = Duration.minutes(config.collection.intervalMinutes);

    this.add('CollectorErrors', props.collector.metricErrors({ period: interval }), {
      description: 'The collector failed in two intervals in a row',
      periods: 2,
    });

    for (const source of config.sources) {
      const window = Duration.minutes(source.scheduleMinutes * config.alerts.staleAfterIntervals);
      const runs = collectorMetric(COLLECTOR_METRICS.runSucceeded, source.name, 'Sum', window);
      this.add(`CollectionStale-${source.name}`, runs, {
        description:
          `No successful collection of ${source.name} in ` +
          `${config.alerts.staleAfterIntervals} intervals`,
        below: 1,
        // No data is exactly what a stalled collector produces.
        missing: TreatMissingData.BREACHING,
      });
    }

    this.add('Api5xx', props.stage.metricServerError({ period: Duration.minutes(5) }), {
      description: 'The API answered 5XX: bad input gets 400, so any 5XX is a fault',
    });

    this.add('AnomalyErrors', props.anomaly.metricErrors({ period: Duration.minutes(15) }), {
      description: 'The anomaly detector failed',
    });

    for (const [name, queue] of [
      ['CollectorDeadLetters', props.collectorDeadLetters],
      ['AnomalyDeadLetters', props.anomalyDeadLetters],
    ] as const) {
      const visible = queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      });
      this.add(name, visible, { description: 'Failed invocations are waiting in the queue' });
    }
  }

  private add(
    id: string,
    metric: Metric,
    options: { description: string; periods?: number; below?: number; missing?: TreatMissingData },
  ): void {
    const periods = options.periods ?? 1;
    const below = options.below !== undefined;
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: options.description,
      threshold: options.below ?? 1,
      comparisonOperator: below
        ? ComparisonOperator.LESS_THAN_THRESHOLD
        : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
