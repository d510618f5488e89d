import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { ServiceConfig } from './config/service-config.js';
import { Alarms } from './constructs/alarms.js';
import { AnomalyDetector } from './constructs/anomaly-detector.js';
import { Collector } from './constructs/collector.js';
import { CountsApi } from './constructs/counts-api.js';
import { ServiceDashboard } from './constructs/service-dashboard.js';

/** Props of the service stack. */
export interface ServiceStackProps extends StackProps {
  readonly config: ServiceConfig;
  /** From the data stack. */
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly topic: ITopic;
}

/**
 * What can be replaced at will: the three functions, their schedules and rules, the API, the
 * alarms and the dashboard. Holds no data; deleting it loses nothing but the logs.
 */
export class ServiceStack extends Stack {
  readonly collector: Collector;
  readonly api: CountsApi;
  readonly anomaly: AnomalyDetector;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, table, bus, topic } = props;

    this.collector = new Collector(this, 'Collector', { config, table, bus });
    this.api = new CountsApi(this, 'CountsApi', { config, table });
    this.anomaly = new AnomalyDetector(this, 'AnomalyDetector', { config, table, bus });

    const stage = this.api.api.deploymentStage;
    new Alarms(this, 'Alarms', {
      config,
      topic,
      stage,
      collector: this.collector.function,
      collectorDeadLetters: this.collector.deadLetters,
      anomaly: this.anomaly.function,
      anomalyDeadLetters: this.anomaly.deadLetters,
    });
    new ServiceDashboard(this, 'Dashboard', {
      config,
      stage,
      functions: {
        collector: this.collector.function,
        api: this.api.function,
        anomaly: this.anomaly.function,
      },
    });
  }
}
