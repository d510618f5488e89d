import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';

describe('test setup', () => {
  it('provides the endpoint of a running DynamoDB-compatible server', async () => {
    const client = new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const answer = await client.send(new ListTablesCommand({}));
    expect(answer.TableNames).toEqual([]);
  });
});
