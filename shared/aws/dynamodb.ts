import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the DocumentClient connects. */
export interface DocumentClientOptions {
  /**
   * A DynamoDB-compatible endpoint (dynalite locally and in tests). When set, the client uses
   * static dummy credentials so that no AWS credential chain is searched.
   * @default the AWS endpoint of the region
   */
  endpoint?: string;
  /**
   * @default 'local' with an endpoint; otherwise the SDK's own resolution (AWS_REGION in Lambda)
   */
  region?: string;
}

/**
 * A DocumentClient with the marshalling this project relies on. Create it once per module (at
 * cold start) and hand it to the history store; creating one per call throws away its
 * connection pool.
 *
 * Marshalling: attributes set to `undefined` are left out instead of failing the write; numbers
 * beyond Number.MAX_SAFE_INTEGER fail loudly on write and on read (the SDK's defaults, kept on
 * purpose) rather than being rounded, since a running total must never be approximate.
 */
export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig =
    options.endpoint === undefined
      ? { region: options.region }
      : {
          endpoint: options.endpoint,
          region: options.region ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        };
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: {
      removeUndefinedValues: true,
      convertEmptyValues: false,
      convertClassInstanceToMap: false,
      allowImpreciseNumbers: false,
    },
    unmarshallOptions: { wrapNumbers: false },
  });
}
