import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  type BatchPolicy,
  batchGet,
  batchPut,
  type Projection,
} from '#shared/history/dynamo-batch.js';
import { toMinuteItem } from '#shared/history/dynamo-items.js';
import { BatchIncompleteError } from '#shared/history/dynamo-store.js';
import { withRunningTotals } from '#shared/history/minutes.js';
import { minuteKey } from '#shared/history/table.js';
import { countCommands, createTestTable } from '#test/support/table.js';

const DAY = 1_764_115_200;

function day(): { minute: number; count: number; before: number }[] {
  const counts = Array.from({ length: 1440 }, (_, i) => ({ minute: DAY + 60 * i, count: i % 13 }));
  return withRunningTotals(counts, 0);
}

/** A policy that records its waits instead of waiting; jitter pinned to the ceiling. */
function recordingPolicy(overrides: Partial<BatchPolicy> = {}) {
  const waits: number[] = [];
  const policy: BatchPolicy = {
    maxAttempts: 4,
    baseDelayMs: 50,
    maxDelayMs: 120,
    concurrency: 2,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.999_999,
    ...overrides,
  };
  return { policy, waits };
}

const PROJECTION: Projection = {
  ProjectionExpression: 'sk, #count',
  ExpressionAttributeNames: { '#count': 'count' },
};

describe('history batches', () => {
  it('writes a day of minutes in 58 BatchWriteItem requests and reads 101 in 2', async () => {
    // arrange
    const { client, store } = await createTestTable();
    const commands = countCommands(client);
    const scattered = Array.from({ length: 101 }, (_, i) => DAY + 60 * ((i * 37) % 1440));

    // act
    await store.writeMinutes('eu1', day());
    const found = await store.readMinutes('eu1', scattered);

    // assert
    expect(commands.get('BatchWriteItemCommand')).toBe(58);
    expect(commands.get('BatchGetItemCommand')).toBe(2);
    expect(found.size).toBe(101);
  });

  it('retries the items DynamoDB left unprocessed, backing off, until all are in', async () => {
    // arrange: every request processes only its first 10 items and hands back the rest
    const { client, tableName, store } = await createTestTable();
    const { policy, waits } = recordingPolicy();
    const items = day()
      .slice(0, 60)
      .map((minute) => toMinuteItem('eu1', minute));
    const halfDone = async (input: BatchWriteCommandInput) => {
      const requests = input.RequestItems?.[tableName] ?? [];
      await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, 10) } }),
      );
      const rest = requests.slice(10);
      return { $metadata: {}, UnprocessedItems: rest.length > 0 ? { [tableName]: rest } : {} };
    };

    // act
    await batchPut(halfDone, tableName, items, policy);

    // assert: groups of 25, 25, 10 need 3, 3 and 1 requests; waits double up to the ceiling
    expect(await store.readRange('eu1', DAY, DAY + 3600)).toEqual(day().slice(0, 60));
    expect(waits.sort((a, b) => a - b)).toEqual([49, 49, 99, 99]);
  });

  it('gives up after the attempt limit, naming how many items were left', async () => {
    // arrange: DynamoDB never processes the last 3 items of any request
    const { client, tableName } = await createTestTable();
    const { policy, waits } = recordingPolicy({ maxAttempts: 3 });
    const items = day()
      .slice(0, 50)
      .map((minute) => toMinuteItem('eu1', minute));
    const throttled = async (input: BatchWriteCommandInput) => {
      const requests = input.RequestItems?.[tableName] ?? [];
      const done = requests.slice(0, Math.max(0, requests.length - 3));
      if (done.length > 0) {
        await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: done } }));
      }
      return { $metadata: {}, UnprocessedItems: { [tableName]: requests.slice(done.length) } };
    };

    // act
    const writing = batchPut(throttled, tableName, items, policy);

    // assert
    await expect(writing).rejects.toThrow(BatchIncompleteError);
    await expect(writing).rejects.toThrow(/left 6 of 50 items unprocessed .* after 3 attempts/);
    await expect(writing).rejects.toMatchObject({ unprocessed: 6 });
    expect(waits).toHaveLength(4);
  });

  it('retries the keys DynamoDB left unprocessed when reading', async () => {
    // arrange: every request answers only its first 30 keys
    const { client, tableName, store } = await createTestTable();
    await store.writeMinutes('eu1', day());
    const { policy, waits } = recordingPolicy();
    const keys = Array.from({ length: 120 }, (_, i) => minuteKey('eu1', DAY + 60 * i * 12));
    const partial = async (input: BatchGetCommandInput) => {
      const request = input.RequestItems?.[tableName];
      const pending = request?.Keys ?? [];
      const output = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { ...request, Keys: pending.slice(0, 30) } },
        }),
      );
      const rest = pending.slice(30);
      const unprocessed = rest.length > 0 ? { [tableName]: { ...request, Keys: rest } } : {};
      return { ...output, UnprocessedKeys: unprocessed };
    };

    // act
    const items = await batchGet(partial, tableName, keys, PROJECTION, policy);

    // assert: groups of 100 and 20 need 4 and 1 requests; the third wait hits the ceiling
    expect(items.map((item) => item.sk).sort()).toEqual(keys.map((key) => key.sk));
    expect(waits).toEqual([49, 99, 119]);
  });

  it('gives up reading after the attempt limit, naming how many keys were left', async () => {
    // arrange: DynamoDB never answers
    const { tableName } = await createTestTable();
    const { policy } = recordingPolicy({ maxAttempts: 2 });
    const keys = Array.from({ length: 150 }, (_, i) => minuteKey('eu1', DAY + 60 * i));
    const unanswered = async (input: BatchGetCommandInput) => ({
      $metadata: {},
      UnprocessedKeys: input.RequestItems,
    });

    // act
    const reading = batchGet(unanswered, tableName, keys, PROJECTION, policy);

    // assert
    await expect(reading).rejects.toThrow(/BatchGetItem left 150 of 150 keys unprocessed/);
  });

  it('stops sending batches after a request fails, and passes its error on', async () => {
    // arrange
    const { tableName } = await createTestTable();
    const { policy } = recordingPolicy({ concurrency: 2 });
    const items = day().map((minute) => toMinuteItem('eu1', minute));
    let sent = 0;
    const failing = async (): Promise<never> => {
      sent += 1;
      throw new Error('ValidationException: item too large');
    };

    // act
    const writing = batchPut(failing, tableName, items, policy);

    // assert: the two batches in flight fail; none of the other 56 is started
    await expect(writing).rejects.toThrow('ValidationException: item too large');
    expect(sent).toBe(2);
  });
});
