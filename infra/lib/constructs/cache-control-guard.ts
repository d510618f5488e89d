import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { UNAUTHORIZED_CACHE_CONTROL } from '../config/schema.js';
import { managedPolicyFinding } from './findings.js';

/** Props of the cache-control guard. */
export interface CacheControlGuardProps {
  readonly stage: Stage;
  /**
   * What API Gateway does with a `Cache-Control: max-age=0` from a caller not allowed
   * `execute-api:InvalidateCache`: refuse with 403, or ignore it (with or without a warning
   * header) and answer from the cache.
   * @default 'SUCCEED_WITH_RESPONSE_HEADER'
   */
  readonly unauthorizedStrategy?: (typeof UNAUTHORIZED_CACHE_CONTROL)[number];
  /**
   * Anything that, when it changes, should re-apply the settings (the stage's method settings):
   * a CloudFormation update of the stage could otherwise reset them.
   * @default the settings are applied on create and when the strategy changes
   */
  readonly fingerprint?: string;
}

/**
 * Requires authorisation for cache invalidation on every method of a stage. Without it anyone
 * who may call the API can send `Cache-Control: max-age=0` and turn every request into a Lambda
 * call and a DynamoDB read. CloudFormation's stage MethodSettings cannot set this, so a custom
 * resource calls UpdateStage with the two patch operations API Gateway documents:
 * `/{resource}/{method}/caching/requireAuthorizationForCacheControl` and
 * `/{resource}/{method}/caching/unauthorizedCacheControlHeaderStrategy`, here for `*` / `*`.
 */
export class CacheControlGuard extends Construct {
  constructor(scope: Construct, id: string, props: CacheControlGuardProps) {
    super(scope, id);
    const { stage } = props;
    const strategy = props.unauthorizedStrategy ?? 'SUCCEED_WITH_RESPONSE_HEADER';

    const update: AwsSdkCall = {
      service: 'APIGateway',
      action: 'updateStage',
      parameters: {
        restApiId: stage.restApi.restApiId,
        stageName: stage.stageName,
        patchOperations: [
          {
            op: 'replace',
            path: '/*/*/caching/requireAuthorizationForCacheControl',
            value: 'true',
          },
          {
            op: 'replace',
            path: '/*/*/caching/unauthorizedCacheControlHeaderStrategy',
            value: strategy,
          },
        ],
      },
      physicalResourceId: PhysicalResourceId.of(`${stage.restApi.restApiId}/${stage.stageName}`),
    };

    const resource = new AwsCustomResource(this, 'UpdateStage', {
      resourceType: 'Custom::ApiCacheControlGuard',
      onCreate: update,
      onUpdate: update,
      // Deleting the stack deletes the stage; nothing to undo.
      policy: AwsCustomResourcePolicy.fromStatements([
        // UpdateStage is authorised as an HTTP PATCH on the stage's ARN.
        new PolicyStatement({ actions: ['apigateway:PATCH'], resources: [stage.stageArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    if (props.fingerprint !== undefined) {
      // The provider ignores unknown properties; a changed one makes CloudFormation call onUpdate.
      const cfn = resource.node.findChild('Resource').node.defaultChild as CfnResource;
      cfn.addPropertyOverride('StageSettingsFingerprint', props.fingerprint);
    }

    acknowledgeProvider(Stack.of(this));
  }
}

/** The checks the shared custom-resource provider function of aws-cdk-lib cannot pass. */
function acknowledgeProvider(stack: Stack): void {
  const provider = stack.node.tryFindChild(
    `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
  );
  if (provider === undefined) return;
  Validations.of(provider).acknowledge(
    {
      id: managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
      reason:
        "aws-cdk-lib's AwsCustomResource provider (runs only during deployments) attaches this " +
        'managed policy to its own role, which the app does not control.',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        "The AwsCustomResource provider's runtime is chosen by aws-cdk-lib for its bundled " +
        'handler; it runs only during deployments and serves no traffic.',
    },
  );
}
