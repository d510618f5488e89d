import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '#shared/events/publisher.js';
import { TABLE_KEYS } from '#shared/history/table.js';
import { synthService } from './fixtures.js';

describe('the data stack of a development stage', () => {
  const { data, dataTemplate } = synthService();

  it('declares the key schema the history store uses', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        {
          AttributeName: TABLE_KEYS.partitionKey.name,
          AttributeType: TABLE_KEYS.partitionKey.type,
        },
        { AttributeName: TABLE_KEYS.sortKey.name, AttributeType: TABLE_KEYS.sortKey.type },
      ],
    });
  });

  it('bills the table on demand with point-in-time recovery on', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('encrypts the table with the AWS-owned key unless told otherwise', () => {
    // SSEEnabled false is how CloudFormation spells "DynamoDB's own key", not "unencrypted".
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: false },
    });
  });

  it('lets a development stage be deleted with its data', () => {
    dataTemplate.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    expect(data.terminationProtection).toBe(false);
  });

  it('encrypts the notification topic with a rotated customer managed key and requires TLS', () => {
    dataTemplate.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationsKey'), 'Arn'] },
    });
    dataTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    dataTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('subscribes no one when no e-mail address is configured', () => {
    dataTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('forwards anomaly notifications from the bus to the topic as readable text', () => {
    const rules = dataTemplate.findResources('AWS::Events::Rule', {
      Properties: {
        EventPattern: {
          source: [EVENT_SOURCE],
          'detail-type': ['Event Count Anomaly Detected', 'Event Count Anomaly Resolved'],
        },
      },
    });
    const [rule] = Object.values(rules);
    const target = rule?.Properties.Targets[0];

    expect(target.Arn.Ref).toMatch(/^NotificationsTopic/);
    expect(target.InputTransformer.InputPathsMap).toMatchObject({
      'detail-type': '$.detail-type',
      'detail-message': '$.detail.message',
      'detail-source': '$.detail.source',
    });
    expect(target.InputTransformer.InputTemplate).toContain('<detail-type>: <detail-message>');
  });
});

describe('the data stack of a production stage', () => {
  const changes = { alerts: { email: 'soc@example.com' } };
  const { data, dataTemplate } = synthService({ stage: 'prod', changes });

  it('retains the table and its key and protects the stack from deletion', () => {
    dataTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    expect(data.terminationProtection).toBe(true);
  });

  it("encrypts the table with its own rotated key when cdk.json's prod settings ask for it", () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HistoryKey'), 'Arn'] },
      },
    });
    dataTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });

  it('subscribes the configured e-mail address to the topic', () => {
    dataTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'soc@example.com',
    });
  });
});
