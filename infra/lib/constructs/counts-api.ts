import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { KNOWN_PARAMETERS } from '#shared/buckets/query.js';
import { apiEnv } from '#shared/config/api.js';
import type { ServiceConfig } from '../config/service-config.js';
import { accessLogFormat } from './access-log-format.js';
import { ApiKeyAccess, apiResourcePolicy } from './api-access.js';
import { CacheControlGuard } from './cache-control-guard.js';
import { managedPolicyFinding } from './findings.js';
import { ServiceFunction } from './service-function.js';

/** The two paths of the API: Qualys's versioned one and its unversioned twin. */
export const API_PATHS = ['ioc/v1/events/count/time-buckets', 'ioc/events/count/time-buckets'];

/**
 * Every query parameter the function reads, declared on the methods and used as cache keys:
 * two requests that differ in any of them must never share a cached answer.
 */
export const CACHE_KEY_PARAMETERS = KNOWN_PARAMETERS.map(
  (name) => `method.request.querystring.${name}`,
);

/** Props of the counts API. */
export interface CountsApiProps {
  readonly config: ServiceConfig;
  readonly table: ITable;
}

/**
 * The Qualys-compatible REST API: both paths proxy to one function that only reads the table.
 * The stage cache (encrypted, keyed on every query parameter) answers repeated questions
 * without a Lambda call; callers authenticate with SigV4 or an API key; the stage is throttled
 * and writes access logs.
 */
export class CountsApi extends Construct {
  readonly api: RestApi;
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: CountsApiProps) {
    super(scope, id);
    const { config, table } = props;
    const api = config.api;
    const caching = api.cacheTtlSeconds > 0;

    const environment = {
      TABLE_NAME: table.tableName,
      SOURCE_NAMES: config.sources.map((source) => source.name).join(','),
      DEFAULT_SOURCE: config.sources[0]?.name ?? '',
      SETTLING_MINUTES: String(config.collection.settlingMinutes),
      FRESH_MAX_AGE_SECONDS: String(api.freshMaxAgeSeconds),
      SETTLED_MAX_AGE_SECONDS: String(api.settledMaxAgeSeconds),
    };
    apiEnv(environment);
    this.function = new ServiceFunction(this, 'Handler', {
      folder: 'api',
      serviceName: 'api',
      environment,
      timeout: Duration.seconds(10),
      memorySize: api.memoryMb,
      logRetentionDays: config.logRetentionDays,
      destroyLogs: config.isDev,
    }).function;
    table.grantReadData(this.function);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: config.isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const methodSettings = {
      cachingEnabled: caching,
      cacheDataEncrypted: true,
      cacheTtl: Duration.seconds(api.cacheTtlSeconds),
      throttlingRateLimit: api.throttleRateLimit,
      throttlingBurstLimit: api.throttleBurstLimit,
      loggingLevel: MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      metricsEnabled: true,
    };
    this.api = new RestApi(this, 'Api', {
      // A label, not a unique name: it tells stages apart in the console and in the ApiName
      // dimension of API Gateway's metrics. The stack outputs the URL (CountsApiEndpoint...).
      restApiName: `edr-count-history-${config.stage}`,
      description: 'Qualys-compatible EDR event counts from stored history',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: api.createCloudWatchRole,
      policy: apiResourcePolicy(config),
      deployOptions: {
        stageName: config.stage,
        cacheClusterEnabled: caching,
        cacheClusterSize: caching ? api.cacheSizeGb : undefined,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        ...methodSettings,
      },
      defaultMethodOptions:
        api.auth === 'iam'
          ? { authorizationType: AuthorizationType.IAM }
          : { authorizationType: AuthorizationType.NONE, apiKeyRequired: true },
    });

    const integration = new LambdaIntegration(this.function, {
      proxy: true,
      allowTestInvoke: false,
      cacheKeyParameters: CACHE_KEY_PARAMETERS,
    });
    const requestParameters = Object.fromEntries(CACHE_KEY_PARAMETERS.map((name) => [name, false]));
    for (const path of API_PATHS) {
      this.api.root.resourceForPath(path).addMethod('GET', integration, { requestParameters });
    }

    if (api.auth === 'apiKey') new ApiKeyAccess(this, 'KeyAccess', { api: this.api, config });
    new CacheControlGuard(this, 'CacheControlGuard', {
      stage: this.api.deploymentStage,
      unauthorizedStrategy: api.unauthorizedCacheControl,
      // A new deployment or changed method settings re-apply the guard after the stage update.
      fingerprint: [
        this.api.latestDeployment?.deploymentId ?? '',
        api.cacheSizeGb,
        api.cacheTtlSeconds,
        api.throttleRateLimit,
        api.throttleBurstLimit,
      ].join('/'),
    });
    this.acknowledgeChecks(api.auth, api.createCloudWatchRole);
  }

  private acknowledgeChecks(auth: 'iam' | 'apiKey', cloudWatchRole: boolean): void {
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-COG4',
        reason:
          auth === 'iam'
            ? 'Callers are services and teams with IAM identities; methods use IAM (SigV4) ' +
              'authorisation, which needs no Cognito user pool.'
            : 'Callers are services holding an API key of the usage plan, not Cognito users.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'The function validates every query parameter and answers 400 with a body naming ' +
          'the parameter, the value and the fix; no parameter is required (a datetime filter ' +
          'may stand in for fromDate/toDate), so a gateway validator would check nothing.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'Callers are other teams authenticated by SigV4 or API key, throttled per stage (and ' +
          'per key); a WAF web ACL can be associated by the account owner where policy asks.',
      },
    );
    if (cloudWatchRole) {
      Validations.of(this.api).acknowledge({
        id: managedPolicyFinding('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
        reason:
          "API Gateway's account-level logging role needs this AWS managed policy; it is the " +
          'documented way to let API Gateway write execution and access logs.',
      });
    }
  }
}
