import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COUNTS_COLLECTED } from '#shared/collector/event.js';
import { anomalyEnv } from '#shared/config/anomaly.js';
import { EVENT_SOURCE } from '#shared/events/publisher.js';
import type { ServiceConfig } from '../config/service-config.js';
import { deadLetterQueue } from './dead-letters.js';
import { grantHistoryWrite } from './history-table.js';
import { ServiceFunction } from './service-function.js';

/** Props of the anomaly detector. */
export interface AnomalyDetectorProps {
  readonly config: ServiceConfig;
  readonly table: ITable;
  readonly bus: IEventBus;
}

/**
 * The anomaly function, run by two EventBridge rules: one on the service bus for every
 * "Event Counts Collected", and one on a schedule (on the default bus, so the function sees
 * an ordinary `Scheduled Event` from `aws.events`) as the watchdog that notices a collector
 * which stopped publishing at all. It reads history, keeps alert state in the table and puts
 * its notifications on the bus, from where the data stack forwards them to the topic.
 */
export class AnomalyDetector extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: AnomalyDetectorProps) {
    super(scope, id);
    const { config, table, bus } = props;
    const alerts = config.alerts;

    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    const environment = {
      TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: bus.eventBusName,
      SOURCE_NAMES: config.sources.map((source) => source.name).join(','),
      COLLECTION_INTERVAL_MINUTES: String(alerts.longestIntervalMinutes),
      STALL_INTERVALS: String(alerts.staleAfterIntervals),
      SETTLING_MINUTES: String(config.collection.settlingMinutes),
      ANOMALY_SETTINGS: JSON.stringify(alerts.anomalySettings),
    };
    // The same schema the function reads at cold start: bad anomaly settings fail the synth.
    anomalyEnv(environment);
    this.function = new ServiceFunction(this, 'Handler', {
      folder: 'anomaly',
      serviceName: 'anomaly',
      environment,
      timeout: Duration.seconds(alerts.anomalyTimeoutSeconds),
      memorySize: alerts.anomalyMemoryMb,
      logRetentionDays: config.logRetentionDays,
      destroyLogs: config.isDev,
      // The alert lifecycle reads, decides and writes per source; one run at a time means a
      // watchdog run and a collection event can never both open the same anomaly.
      reservedConcurrentExecutions: 1,
      onFailure: new SqsDestination(this.deadLetters),
    }).function;

    grantHistoryWrite(table, this.function);
    bus.grantPutEventsTo(this.function);

    new Rule(this, 'OnCountsCollected', {
      description: 'Runs the anomaly detector after every collection',
      eventBus: bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [COUNTS_COLLECTED] },
      targets: [new LambdaFunction(this.function, { deadLetterQueue: this.deadLetters })],
    });

    new Rule(this, 'Watchdog', {
      description: 'Runs the anomaly detector on a schedule to notice stalled collection',
      schedule: Schedule.rate(Duration.minutes(alerts.watchdogMinutes)),
      targets: [new LambdaFunction(this.function, { deadLetterQueue: this.deadLetters })],
    });
  }
}
