import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { collectorEnv } from '#shared/config/collector.js';
import type { ServiceConfig } from '../config/service-config.js';
import { deadLetterQueue } from './dead-letters.js';
import { grantHistoryWrite } from './history-table.js';
import { qualysSecret } from './qualys-secret.js';
import { ServiceFunction } from './service-function.js';

/** Props of the collector. */
export interface CollectorProps {
  readonly config: ServiceConfig;
  readonly table: ITable;
  readonly bus: IEventBus;
}

/**
 * The scheduled collector: one EventBridge Scheduler schedule per source invokes the function
 * with `{"source": "<name>"}`. Reserved concurrency 1 means runs never overlap (sources are
 * collected one after the other); the DynamoDB lease fences a run per source besides. It alone
 * may read the Qualys secrets.
 */
export class Collector extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: CollectorProps) {
    super(scope, id);
    const { config, table, bus } = props;
    const collection = config.collection;

    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    const environment = collectorEnvironment(config, table.tableName, bus.eventBusName);
    // The function's own schema, at synth: a value it would reject at cold start fails here.
    collectorEnv(environment);

    this.function = new ServiceFunction(this, 'Handler', {
      folder: 'collector',
      serviceName: 'collector',
      environment,
      timeout: Duration.seconds(collection.timeoutSeconds),
      memorySize: collection.memoryMb,
      logRetentionDays: config.logRetentionDays,
      destroyLogs: config.isDev,
      reservedConcurrentExecutions: 1,
      onFailure: new SqsDestination(this.deadLetters),
      // A failed run loses nothing and the next scheduled run resumes from the checkpoint,
      // so Lambda's own retries would only queue more work behind the single slot.
      retryAttempts: 0,
      maxEventAge: Duration.hours(1),
    }).function;

    grantHistoryWrite(table, this.function);
    bus.grantPutEventsTo(this.function);
    for (const source of config.sources) {
      qualysSecret(this, `Secret-${source.name}`, source).grantRead(this.function);
    }

    // One role for every schedule, ours rather than the target's implicit one, so that the
    // wildcard its grant needs is acknowledged where it is made.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const functionId = Stack.of(this).getLogicalId(cfnFunction(this.function));
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "lambda:InvokeFunction on the collector's versions and aliases (ARN:*), as the " +
        'Scheduler target grants it; the role can invoke nothing else.',
    });

    for (const source of config.sources) {
      const interval = Duration.minutes(source.scheduleMinutes);
      new Schedule(this, `Schedule-${source.name}`, {
        description: `Collects Qualys EDR event counts of ${source.name}`,
        schedule: ScheduleExpression.rate(interval),
        timeWindow: TimeWindow.off(),
        target: new LambdaInvoke(this.function, {
          input: ScheduleTargetInput.fromObject({ source: source.name }),
          role: scheduleRole,
          deadLetterQueue: this.deadLetters,
          retryAttempts: 2,
          // An invocation older than one interval is superseded by the next one.
          maxEventAge: interval,
        }),
      });
    }
  }
}

/** The collector's environment, in the shape shared/config/collector.ts reads. */
function collectorEnvironment(
  config: ServiceConfig,
  tableName: string,
  busName: string,
): Record<string, string> {
  const c = config.collection;
  // The function's source schema is strict: only the fields it knows.
  const sources = config.sources.map(({ name, qualysBaseUrl, secretId }) => ({
    name,
    qualysBaseUrl,
    secretId,
  }));
  return {
    TABLE_NAME: tableName,
    EVENT_BUS_NAME: busName,
    SOURCES: JSON.stringify(sources),
    SETTLING_MINUTES: String(c.settlingMinutes),
    CHUNK_MINUTES: String(c.chunkMinutes),
    MAX_MINUTES_PER_RUN: String(c.maxMinutesPerRun),
    RESTATEMENT_HOURS: String(c.restatementHours),
    RESTATEMENT_EVERY_MINUTES: String(c.restatementEveryMinutes),
    ...(c.historyStart === undefined ? {} : { HISTORY_START: c.historyStart }),
    LEASE_SECONDS: String(c.leaseSeconds),
    QUALYS_MAX_ATTEMPTS: String(c.qualysMaxAttempts),
    QUALYS_TIMEOUT_MS: String(c.qualysTimeoutMs),
  };
}

function cfnFunction(fn: NodejsFunction): CfnFunction {
  return fn.node.defaultChild as CfnFunction;
}
