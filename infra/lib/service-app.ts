import { type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { ServiceConfig } from './config/service-config.js';
import { DataStack } from './data-stack.js';
import { ServiceStack } from './service-stack.js';

/** Stack ids: a contract with CloudFormation through the CLI, never renamed. */
export const DATA_STACK_ID = 'EdrCountHistoryData';
export const SERVICE_STACK_ID = 'EdrCountHistoryService';

/** The service's two stacks. */
export interface ServiceStacks {
  readonly data: DataStack;
  readonly service: ServiceStack;
}

/**
 * Adds the data and service stacks of one stage to `scope` (the app). Stack names carry the
 * stage, so several stages can live in one account and region.
 * @param env where to deploy; @default environment-agnostic (resolved at deploy time)
 */
export function addServiceStacks(
  scope: Construct,
  config: ServiceConfig,
  env?: Environment,
): ServiceStacks {
  const prefix = `edr-count-history-${config.stage}`;

  const data = new DataStack(scope, DATA_STACK_ID, {
    config,
    env,
    stackName: `${prefix}-data`,
    description: `EDR count history (${config.stage}): history table, event bus, notifications`,
  });
  const service = new ServiceStack(scope, SERVICE_STACK_ID, {
    config,
    env,
    stackName: `${prefix}-service`,
    description: `EDR count history (${config.stage}): collector, API, anomaly detector, alarms`,
    table: data.table,
    bus: data.bus,
    topic: data.topic,
  });

  Tags.of(scope).add('Service', 'edr-count-history');
  Tags.of(scope).add('Stage', config.stage);
  return { data, service };
}

/**
 * Runs cdk-nag's AwsSolutions checks at every synth: any finding not acknowledged (with a
 * reason, next to the construct it concerns) stops the synth with a report.
 */
export function addChecks(app: Construct): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  return checks;
}
