import { describe, expect, it } from 'vitest';
import {
  actionsByPolicy,
  actionsOf,
  roleStatements,
  serviceContext,
  synthService,
} from './fixtures.js';

const SECOND_SOURCE = {
  name: 'eu',
  qualysBaseUrl: 'https://gateway.qg1.apps.qualys.eu',
  secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:qualys/eu-AbC123',
};

describe('IAM grants', () => {
  const sources = [...(serviceContext().sources as unknown[]), SECOND_SOURCE];
  const { service, serviceTemplate } = synthService({ changes: { sources } });
  const collector = roleStatements(serviceTemplate, service.collector.function);
  const api = roleStatements(serviceTemplate, service.api.function);
  const anomaly = roleStatements(serviceTemplate, service.anomaly.function);

  it('lets the collector read every source secret, and only read it', () => {
    const secretStatements = collector.filter((s) => actionsOf([s]).some(isSecretsManager));

    expect(new Set(actionsOf(secretStatements))).toEqual(
      new Set(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']),
    );
    const resources = JSON.stringify(secretStatements.map((s) => s.Resource));
    expect(resources).toContain(':secret:edr-count-history/qualys/example-??????');
    expect(resources).toContain(SECOND_SOURCE.secretId);
  });

  it('gives no other policy in either stack any Secrets Manager action', () => {
    const collectorPolicy = service.collector.function.role?.node.tryFindChild('DefaultPolicy');
    const collectorId = service.getLogicalId(
      collectorPolicy?.node.defaultChild as Parameters<typeof service.getLogicalId>[0],
    );

    const others = [...actionsByPolicy(serviceTemplate)]
      .filter(([id]) => id !== collectorId)
      .flatMap(([, actions]) => actions);

    expect(others.length).toBeGreaterThan(0);
    expect(others.filter(isSecretsManager)).toEqual([]);
  });

  it('lets the API function read the table and nothing else of the service', () => {
    const actions = actionsOf(api);

    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter(isSecretsManager)).toEqual([]);
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions).not.toContain('events:PutEvents');
  });

  it('lets the collector and the anomaly function write history and put events on the bus', () => {
    for (const statements of [collector, anomaly]) {
      expect(actionsOf(statements)).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'events:PutEvents']),
      );
    }
    expect(actionsOf(anomaly).filter(isSecretsManager)).toEqual([]);
  });

  it('lets each function write only to its own log group, without a managed policy', () => {
    const roles = Object.values(serviceTemplate.findResources('AWS::IAM::Role'));
    const ours = roles.filter((role) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'),
    );
    const withManagedPolicy = ours.filter((role) => role.Properties.ManagedPolicyArns);

    // The AwsCustomResource provider's role is aws-cdk-lib's and the only one with one.
    expect(withManagedPolicy).toHaveLength(1);
    for (const statements of [collector, api, anomaly]) {
      const logs = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(JSON.stringify(logs[0]?.Resource)).toMatch(/HandlerLogs/);
    }
  });
});

function isSecretsManager(action: string): boolean {
  return action.startsWith('secretsmanager:');
}
