import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiEnvSchema } from '#shared/config/api.js';
import { collectorEnvSchema } from '#shared/config/collector.js';
import { serviceContext, synthService } from './fixtures.js';

const sources = [
  ...(serviceContext().sources as unknown[]),
  {
    name: 'eu-1',
    qualysBaseUrl: 'https://gateway.qg1.apps.qualys.eu',
    secretId: 'edr-count-history/qualys/eu-1',
    scheduleMinutes: 15,
  },
];

/** A function's resource in the template. */
function functionResource(template: Template, fn: IFunction) {
  const id = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
  return template.toJSON().Resources[id];
}

/** The environment of a function with every CloudFormation reference replaced by text. */
function environmentOf(template: Template, fn: IFunction): Record<string, string> {
  const variables = functionResource(template, fn).Properties.Environment.Variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `resolved-${name}`,
    ]),
  );
}

describe('the collector', () => {
  const {
    service,
    serviceTemplate: template,
    config,
  } = synthService({
    changes: { sources, collection: { timeoutSeconds: 600 } },
  });
  const collector = service.collector.function;

  it('is invoked by one schedule per source, each naming its source', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 2);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({ Input: JSON.stringify({ source: 'example' }) }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: Match.objectLike({
        Input: JSON.stringify({ source: 'eu-1' }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
      }),
    });
  });

  it('never runs twice at once: reserved concurrency 1 and a lease longer than the timeout', () => {
    const { Properties } = functionResource(template, collector);

    expect(Properties.ReservedConcurrentExecutions).toBe(1);
    expect(Properties.Timeout).toBe(600);
    expect(Number(Properties.Environment.Variables.LEASE_SECONDS)).toBe(660);
  });

  it("gets an environment the collector's own schema accepts, sources without schedules", () => {
    const env = collectorEnvSchema.parse(environmentOf(template, collector));

    expect(env.SOURCES.map((source) => source.name)).toEqual(['example', 'eu-1']);
    expect(env.SETTLING_MINUTES).toBe(config.collection.settlingMinutes);
    expect(env.QUALYS_MAX_ATTEMPTS).toBe(config.collection.qualysMaxAttempts);
  });

  it("gives the API function an environment the API's own schema accepts", () => {
    const env = apiEnvSchema.parse(environmentOf(template, service.api.function));

    expect(env.SOURCE_NAMES).toEqual(['example', 'eu-1']);
    expect(env.DEFAULT_SOURCE).toBe('example');
    expect(env.FRESH_MAX_AGE_SECONDS).toBe(300);
  });

  it('runs Node 22 on arm64 with source maps on', () => {
    for (const fn of [collector, service.api.function, service.anomaly.function]) {
      const { Properties } = functionResource(template, fn);
      expect(Properties.Runtime).toBe('nodejs22.x');
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('sends failed runs to its dead-letter queue without retrying them', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: {
        Ref: Stack.of(collector).getLogicalId(collector.node.defaultChild as CfnFunction),
      },
      MaximumRetryAttempts: 0,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CollectorDeadLetters'), 'Arn'] },
        },
      },
    });
  });

  it('keeps every function log for the configured number of days', () => {
    template.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: config.logRetentionDays },
      4,
    );
  });
});
