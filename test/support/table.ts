import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '#shared/aws/dynamodb.js';
import {
  DynamoHistoryStore,
  type DynamoHistoryStoreOptions,
} from '#shared/history/dynamo-store.js';
import { createTableInput } from '#shared/history/table.js';

/** A fresh history table on the test server, with a client and a store on it. */
export interface TestTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  store: DynamoHistoryStore;
}

async function untilActive(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await delay(10);
  }
  throw new Error(`table ${tableName} did not become ACTIVE within about a second`);
}

/**
 * Creates a uniquely named history table on the dynalite server of the global setup
 * (`inject('dynamoEndpoint')`), so tests never see each other's items.
 * @param batch batch policy of the store; tests pass a no-op sleep to skip backoff waits
 */
export async function createTestTable(
  batch?: DynamoHistoryStoreOptions['batch'],
): Promise<TestTable> {
  const client = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const tableName = `history-${randomUUID()}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await untilActive(client, tableName);
  return { client, tableName, store: new DynamoHistoryStore({ client, tableName, batch }) };
}

/**
 * Counts the commands `client` sends from now on, by command name (e.g. `BatchWriteItemCommand`).
 * The SDK's own retries of one command are not counted again.
 */
export function countCommands(client: DynamoDBDocumentClient): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return counts;
}
