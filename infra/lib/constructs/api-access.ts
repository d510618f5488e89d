import { CfnOutput, Validations } from 'aws-cdk-lib';
import { ApiKey, Period, type RestApi, UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import {
  AccountPrincipal,
  ArnPrincipal,
  type IPrincipal,
  PolicyDocument,
  PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ServiceConfig } from '../config/service-config.js';

/**
 * The resource policy of an IAM-authenticated API: the listed accounts or roles may invoke its
 * GET methods (their own IAM policies must allow it too). Same-account callers need only their
 * IAM policy, so with no principals listed there is no resource policy at all.
 */
export function apiResourcePolicy(config: ServiceConfig): PolicyDocument | undefined {
  const { auth, allowedPrincipals } = config.api;
  if (auth !== 'iam' || allowedPrincipals.length === 0) return undefined;
  const principals: IPrincipal[] = allowedPrincipals.map((principal) =>
    principal.startsWith('arn:') ? new ArnPrincipal(principal) : new AccountPrincipal(principal),
  );
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        principals,
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*/GET/*'],
      }),
    ],
  });
}

/** Props of the API-key access. */
export interface ApiKeyAccessProps {
  readonly api: RestApi;
  readonly config: ServiceConfig;
}

/**
 * With `auth: apiKey`: a usage plan on the stage (throttle and optional daily quota per key)
 * and one API key per consumer. API Gateway generates the key values; an operator reads one
 * with `aws apigateway get-api-key --api-key <id> --include-value` and hands it over.
 */
export class ApiKeyAccess extends Construct {
  constructor(scope: Construct, id: string, props: ApiKeyAccessProps) {
    super(scope, id);
    const { api, config } = props;

    const plan = new UsagePlan(this, 'Plan', {
      description: 'Callers of the EDR count history API',
      apiStages: [{ api, stage: api.deploymentStage }],
      throttle: {
        rateLimit: config.api.throttleRateLimit,
        burstLimit: config.api.throttleBurstLimit,
      },
      quota:
        config.api.quotaPerDay === undefined
          ? undefined
          : { limit: config.api.quotaPerDay, period: Period.DAY },
    });

    for (const consumer of config.api.consumers) {
      const key = new ApiKey(this, `Key-${consumer}`, {
        description: `API key of ${consumer}`,
        enabled: true,
      });
      plan.addApiKey(key);
      new CfnOutput(this, `KeyId-${consumer}`, {
        description: `API key id of ${consumer} (read its value with get-api-key --include-value)`,
        value: key.keyId,
      });
    }

    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'auth is "apiKey" in this stage: every method requires an API key of the usage plan; ' +
        'set auth "iam" for SigV4 authorisation instead.',
    });
  }
}
