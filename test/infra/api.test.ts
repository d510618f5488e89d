import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API_PATHS, CACHE_KEY_PARAMETERS } from '#infra/lib/constructs/counts-api.js';
import { synthService } from './fixtures.js';

const QUALYS_PARAMETERS = ['fromDate', 'toDate', 'bucketCount', 'filter'].map(
  (name) => `method.request.querystring.${name}`,
);

/** A replace operation on the stage's caching settings, JSON-escaped as in the template. */
function patch(setting: string, value: string): string {
  const operation = { op: 'replace', path: `/*/*/caching/${setting}`, value };
  return JSON.stringify(operation).replace(/"/g, '\\"');
}

describe('the API with IAM authorisation (the default)', () => {
  const { serviceTemplate: template, config } = synthService();

  it('serves GET on both the versioned and the unversioned path', () => {
    const paths = Object.values(template.findResources('AWS::ApiGateway::Resource')).map(
      (resource) => resource.Properties.PathPart,
    );
    expect(paths).toEqual(expect.arrayContaining(['v1', 'time-buckets']));
    expect(API_PATHS).toEqual([
      'ioc/v1/events/count/time-buckets',
      'ioc/events/count/time-buckets',
    ]);
    template.resourcePropertiesCountIs('AWS::ApiGateway::Method', { HttpMethod: 'GET' }, 2);
  });

  it("declares Qualys's four query parameters (and ours) and keys the cache on all of them", () => {
    expect(CACHE_KEY_PARAMETERS).toEqual(expect.arrayContaining(QUALYS_PARAMETERS));
    const declared = Object.fromEntries(CACHE_KEY_PARAMETERS.map((name) => [name, false]));

    template.resourcePropertiesCountIs(
      'AWS::ApiGateway::Method',
      {
        RequestParameters: declared,
        Integration: { Type: 'AWS_PROXY', CacheKeyParameters: CACHE_KEY_PARAMETERS },
      },
      2,
    );
  });

  it('requires SigV4 on every method', () => {
    template.allResourcesProperties('AWS::ApiGateway::Method', { AuthorizationType: 'AWS_IAM' });
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 0);
  });

  it('enables an encrypted stage cache with the size and TTL from context', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      CacheClusterEnabled: true,
      CacheClusterSize: config.api.cacheSizeGb,
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          CachingEnabled: true,
          CacheDataEncrypted: true,
          CacheTtlInSeconds: 300,
        }),
      ],
    });
  });

  it('throttles the stage, logs errors and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: config.api.throttleRateLimit,
          ThrottlingBurstLimit: config.api.throttleBurstLimit,
          LoggingLevel: 'ERROR',
          MetricsEnabled: true,
        }),
      ],
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"callerArn":"\\$context.identity.userArn"'),
      },
    });
  });

  it('requires authorisation for Cache-Control invalidation through UpdateStage', () => {
    const guard = Object.values(template.findResources('Custom::ApiCacheControlGuard'));
    expect(guard).toHaveLength(1);

    const create = JSON.stringify(guard[0]?.Properties.Create);
    expect(create).toContain('\\"action\\":\\"updateStage\\"');
    expect(create).toContain(patch('requireAuthorizationForCacheControl', 'true'));
    expect(create).toContain(
      patch('unauthorizedCacheControlHeaderStrategy', 'SUCCEED_WITH_RESPONSE_HEADER'),
    );
    expect(guard[0]?.Properties.Update).toEqual(guard[0]?.Properties.Create);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'apigateway:PATCH', Effect: 'Allow' })],
      },
    });
  });

  it('has no resource policy when no other account is allowed', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Policy: Match.absent() });
  });
});

describe('the API with API keys and other settings from context', () => {
  const { serviceTemplate: template } = synthService({
    changes: {
      api: {
        auth: 'apiKey',
        consumers: ['team-a', 'team-b'],
        quotaPerDay: 10_000,
        cacheTtlSeconds: 900,
        cacheSizeGb: '1.6',
        unauthorizedCacheControl: 'FAIL_WITH_403',
      },
    },
  });

  it('requires an API key on every method and puts one key per consumer in a usage plan', () => {
    template.allResourcesProperties('AWS::ApiGateway::Method', {
      AuthorizationType: 'NONE',
      ApiKeyRequired: true,
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Quota: { Limit: 10_000, Period: 'DAY' },
      Throttle: { RateLimit: 50, BurstLimit: 100 },
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 2);
  });

  it('takes the cache size, the TTL and the invalidation strategy from context', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      CacheClusterSize: '1.6',
      MethodSettings: [Match.objectLike({ CacheTtlInSeconds: 900 })],
    });
    const [guard] = Object.values(template.findResources('Custom::ApiCacheControlGuard'));
    expect(JSON.stringify(guard?.Properties.Create)).toContain('FAIL_WITH_403');
  });
});

describe('the API shared with other accounts', () => {
  const principals = ['111122223333', 'arn:aws:iam::444455556666:role/reader'];
  const { serviceTemplate: template } = synthService({
    changes: { api: { allowedPrincipals: principals } },
  });

  it('allows the listed accounts and roles to invoke GET methods in its resource policy', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [
          Match.objectLike({
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'execute-api:/*/GET/*',
            Principal: {
              AWS: [
                principals[1],
                {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']],
                },
              ],
            },
          }),
        ],
      },
    });
  });
});
