import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** An HTTP request as the local server sees it. */
export interface LocalRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
}

/**
 * The API Gateway REST proxy event for a request, shaped as API Gateway builds it: single and
 * multi-value query parameters (null when there are none), headers, and a request context.
 */
export function toApiGatewayEvent(request: LocalRequest, resource: string): APIGatewayProxyEvent {
  // Maps, then Object.fromEntries: a parameter named __proto__ or constructor stays a plain
  // key (and gets its 400 from the function) instead of reaching Object.prototype.
  const values = new Map<string, string[]>();
  for (const [name, value] of request.query) values.set(name, [...(values.get(name) ?? []), value]);
  const single = Object.fromEntries([...values].map(([name, all]) => [name, all.at(-1) ?? '']));
  const multi = Object.fromEntries(values);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const hasQuery = values.size > 0;

  return {
    resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? single : null,
    multiValueQueryStringParameters: hasQuery ? multi : null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      httpMethod: request.method,
      identity: localIdentity(),
      path: `/local${request.path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: resource,
      stage: 'local',
    },
  };
}

function localIdentity(): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: '127.0.0.1',
    user: null,
    userAgent: null,
    userArn: null,
  };
}
