import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { ServiceConfig } from './config/service-config.js';
import { HistoryTable } from './constructs/history-table.js';
import { Notifications } from './constructs/notifications.js';

/** Props of the data stack. */
export interface DataStackProps extends StackProps {
  readonly config: ServiceConfig;
}

/**
 * What outlives a deployment: the history table, the event bus and the notification topic.
 * Kept apart from the functions and the API so that those can be replaced, or the service
 * stack deleted, without putting history at risk. Outside development stages the stack has
 * termination protection and its table and keys are retained on delete.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly bus: EventBus;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    const { config } = props;
    super(scope, id, { terminationProtection: !config.isDev, ...props });
    const retain = !config.isDev;

    this.table = new HistoryTable(this, 'History', {
      encryption: config.table.encryption,
      retain,
    }).table;

    this.bus = new EventBus(this, 'Bus', {
      description: 'EDR count history: collections and anomaly notifications',
    });

    this.topic = new Notifications(this, 'Notifications', {
      bus: this.bus,
      email: config.alerts.email,
      retain,
    }).topic;
  }
}
