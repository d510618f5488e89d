import { AccessLogFormat, AccessLogField as F } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON line per request: who called (IAM ARN or API key id, never the key itself), what
 * they asked, and how long the gateway and the function took. The query string is left out on
 * purpose: the stage logs which resource was called, the function's own log has the parameters.
 */
export function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: F.contextRequestId(),
      requestTime: F.contextRequestTime(),
      sourceIp: F.contextIdentitySourceIp(),
      callerArn: F.contextIdentityUserArn(),
      callerAccount: F.contextIdentityAccountId(),
      apiKeyId: F.contextIdentityApiKeyId(),
      method: F.contextHttpMethod(),
      resourcePath: F.contextResourcePath(),
      status: F.contextStatus(),
      responseLength: F.contextResponseLength(),
      responseLatency: F.contextResponseLatency(),
      integrationLatency: F.contextIntegrationLatency(),
      integrationStatus: F.contextIntegrationStatus(),
      error: F.contextErrorMessage(),
    }),
  );
}
