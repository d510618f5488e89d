import { setTimeout as delay } from 'node:timers/promises';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { type BatchPolicy, batchGet, batchPut, type Projection } from './dynamo-batch.js';
import { isWholeNumber, parseMinuteItem, toMinuteItem } from './dynamo-items.js';
import * as lease from './dynamo-lease.js';
import type { StoredMinute } from './minutes.js';
import type { HistoryStore, SourceState, StateUpdate } from './store.js';
import { MINUTE_ATTRIBUTES, minuteKey, minutePartition, SORT_KEY } from './table.js';

export { BatchIncompleteError, MalformedItemError } from './dynamo-errors.js';

/** Options of the DynamoDB history store. */
export interface DynamoHistoryStoreOptions {
  /** A DocumentClient from `createDocumentClient`, created once per module. */
  client: DynamoDBDocumentClient;
  /** The history table, laid out as `table.ts` describes. */
  tableName: string;
  /** Retry and parallelism of BatchWriteItem / BatchGetItem. */
  batch?: Partial<BatchPolicy>;
}

/**
 * Defaults of the batch policy: up to 8 requests per batch, with backoff ceilings doubling from
 * 50 ms to 2 s (at most about 5 s of waiting per batch, half that on average), and 4 batches
 * in flight: against DynamoDB's network latency that writes a day of minutes several times
 * faster than one batch at a time, without flooding an on-demand table.
 */
export const DEFAULT_BATCH_POLICY: BatchPolicy = {
  maxAttempts: 8,
  baseDelayMs: 50,
  maxDelayMs: 2000,
  concurrency: 4,
  sleep: (ms) => delay(ms),
  random: Math.random,
};

/** Every read of minute items fetches only these attributes (`count` is a reserved word). */
const MINUTE_PROJECTION: Projection = {
  ProjectionExpression: '#sk, #count, #before',
  ExpressionAttributeNames: {
    '#sk': SORT_KEY,
    '#count': MINUTE_ATTRIBUTES.count,
    '#before': MINUTE_ATTRIBUTES.before,
  },
};

function distinctMinutes(source: string, minutes: readonly number[]): number[] {
  const distinct = [...new Set(minutes)];
  const bad = distinct.find((minute) => !isWholeNumber(minute));
  if (bad !== undefined) {
    throw new RangeError(`cannot read minute ${bad} of source ${source}: expected epoch seconds`);
  }
  return distinct;
}

/**
 * The history store on one DynamoDB table: minute items per source, and one state item per
 * source that holds the collector state and its lease. All reads are strongly consistent,
 * because a running total read stale would be carried into every later minute.
 */
export class DynamoHistoryStore implements HistoryStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #policy: BatchPolicy;
  readonly #state: lease.StateTable;

  constructor(options: DynamoHistoryStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#policy = { ...DEFAULT_BATCH_POLICY, ...options.batch };
    this.#state = { client: options.client, tableName: options.tableName };
  }

  readState(source: string): Promise<SourceState> {
    return lease.readState(this.#state, source);
  }

  acquireLease(
    source: string,
    owner: string,
    nowSeconds: number,
    ttlSeconds: number,
  ): Promise<boolean> {
    return lease.acquireLease(this.#state, source, owner, nowSeconds, ttlSeconds);
  }

  commitState(source: string, owner: string, update: StateUpdate): Promise<void> {
    return lease.commitState(this.#state, source, owner, update);
  }

  releaseLease(source: string, owner: string): Promise<void> {
    return lease.releaseLease(this.#state, source, owner);
  }

  /** Puts the minutes in batches of 25; a minute given twice is written once, the last wins. */
  async writeMinutes(source: string, minutes: readonly StoredMinute[]): Promise<void> {
    const byMinute = new Map(minutes.map((minute) => [minute.minute, minute]));
    const items = [...byMinute.values()].map((minute) => toMinuteItem(source, minute));
    await batchPut(
      (input) => this.#client.send(new BatchWriteCommand(input)),
      this.#tableName,
      items,
      this.#policy,
    );
  }

  /** Gets the minutes in batches of 100 (duplicates read once). */
  async readMinutes(
    source: string,
    minutes: readonly number[],
  ): Promise<Map<number, StoredMinute>> {
    const keys = distinctMinutes(source, minutes).map((minute) => minuteKey(source, minute));
    const items = await batchGet(
      (input) => this.#client.send(new BatchGetCommand(input)),
      this.#tableName,
      keys,
      MINUTE_PROJECTION,
      this.#policy,
    );
    const found = new Map<number, StoredMinute>();
    for (const item of items) {
      const minute = parseMinuteItem(source, item);
      found.set(minute.minute, minute);
    }
    return found;
  }

  /** Queries the source's partition page by page (DynamoDB returns at most 1 MB per page). */
  async readRange(source: string, fromSeconds: number, toSeconds: number): Promise<StoredMinute[]> {
    // Sort keys are whole seconds, so sk < to is sk <= ceil(to) - 1, which BETWEEN can say.
    const first = Math.max(0, Math.ceil(fromSeconds));
    const last = Math.ceil(toSeconds) - 1;
    const minutes: StoredMinute[] = [];
    if (!(first <= last)) return minutes;

    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND #sk BETWEEN :first AND :last',
          ExpressionAttributeValues: {
            ':pk': minutePartition(source),
            ':first': first,
            ':last': last,
          },
          ...MINUTE_PROJECTION,
          ConsistentRead: true,
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) minutes.push(parseMinuteItem(source, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return minutes;
  }
}
