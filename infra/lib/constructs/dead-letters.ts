import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A queue that keeps failed asynchronous invocations (and undeliverable schedule or rule
 * events) for two weeks, so an operator can see what failed and replay it. SQS-managed
 * encryption: EventBridge, Scheduler and Lambda can all write to it without a key policy.
 */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue (of a Lambda function, its schedules and ' +
      'rules); cdk-nag only recognises dead-letter queues named in another queue.',
  });
  return queue;
}
