import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { EventField, type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ANOMALY_DETECTED, ANOMALY_RESOLVED } from '#shared/anomaly/notification.js';
import { EVENT_SOURCE } from '#shared/events/publisher.js';

/** Detail-types of the anomaly function's notifications. */
export const ANOMALY_DETAIL_TYPES = [ANOMALY_DETECTED, ANOMALY_RESOLVED];

/** Props of the notifications. */
export interface NotificationsProps {
  /** The bus the anomaly function publishes on. */
  readonly bus: IEventBus;
  /** Address subscribed to the topic; it must confirm the subscription. @default none */
  readonly email?: string;
  /** Keep the topic's key when the stack is deleted. @default true */
  readonly retain?: boolean;
}

/**
 * The SNS topic that tells people: anomaly notifications forwarded from the bus, and CloudWatch
 * alarms. Encrypted with a customer managed key, because the AWS managed SNS key cannot grant
 * EventBridge and CloudWatch the use they need to publish to an encrypted topic.
 */
export class Notifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    const key = new Key(this, 'Key', {
      description: 'Encrypts the EDR count history notification topic',
      enableKeyRotation: true,
      removalPolicy: (props.retain ?? true) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    // The topic policy replaces SNS's default one, so alarm actions need their own statement.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    if (props.email !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.email));
    }

    const forward = new Rule(this, 'ForwardAnomalies', {
      description: 'Forwards anomaly notifications from the service bus to people',
      eventBus: props.bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: ANOMALY_DETAIL_TYPES },
      targets: [
        new SnsTopic(this.topic, {
          message: readableMessage(),
          // A role, not a topic policy for events.amazonaws.com: no other account's rule can
          // publish through it, and the role gets the key grant it needs.
          authorizeUsingRole: true,
        }),
      ],
    });
    Validations.of(forward).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Publishing to an encrypted topic needs GenerateDataKey (and its WithoutPlaintext ' +
        'form), granted on the topic key alone by topic.grantPublish.',
    });
  }
}

/** What an e-mail or chat message shows: the sentence first, then the numbers behind it. */
function readableMessage(): RuleTargetInput {
  const field = (name: string) => EventField.fromPath(`$.detail.${name}`);
  return RuleTargetInput.fromText(
    [
      `${EventField.detailType}: ${field('message')}`,
      `Source: ${field('source')}. Kind: ${field('kind')}.`,
      `Window: ${field('window.from')} to ${field('window.to')}.`,
      `Observed ${field('observed')}, expected about ${field('expected')}.`,
      `Score ${field('score')} (0 as expected, 1 as far off as can be).`,
      `Opened at ${field('openedAt')}. Event ${EventField.eventId} at ${EventField.time}.`,
    ].join('\n'),
  );
}
