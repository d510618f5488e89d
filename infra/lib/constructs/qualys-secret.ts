import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { ConfiguredSource } from '../config/service-config.js';

/**
 * The existing Secrets Manager secret that holds a source's Qualys credential. The operator
 * creates it outside CDK (docs/deploy.md), so that no template, stack or snapshot ever holds
 * the credential and rotating it needs no deployment.
 *
 * A name is imported as a partial ARN: grants then cover the 6-character suffix Secrets
 * Manager adds, so the grant keeps working when the secret is deleted and re-created.
 */
export function qualysSecret(scope: Construct, id: string, source: ConfiguredSource): ISecret {
  const encryptionKey =
    source.secretKmsKeyArn === undefined
      ? undefined
      : Key.fromKeyArn(scope, `${id}Key`, source.secretKmsKeyArn);

  if (source.secretId.startsWith('arn:')) {
    return Secret.fromSecretAttributes(scope, id, {
      secretCompleteArn: source.secretId,
      encryptionKey,
    });
  }
  const secretPartialArn = Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: source.secretId,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  return Secret.fromSecretAttributes(scope, id, { secretPartialArn, encryptionKey });
}
