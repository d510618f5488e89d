import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { BatchIncompleteError } from './dynamo-errors.js';

/**
 * BatchWriteItem and BatchGetItem over any number of items: split into the largest groups
 * DynamoDB accepts, sent a few at a time, each group retried with backoff until DynamoDB has
 * processed all of it. The senders are parameters so that tests can stand between the store
 * and the table (for example to leave items unprocessed on purpose).
 */

/** Most put requests in one BatchWriteItem (a DynamoDB limit). */
export const WRITE_BATCH_SIZE = 25;

/** Most keys in one BatchGetItem (a DynamoDB limit). */
export const READ_BATCH_SIZE = 100;

/** Waits `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

/** Sends one BatchWriteItem. */
export type BatchWriteSender = (input: BatchWriteCommandInput) => Promise<BatchWriteCommandOutput>;

/** Sends one BatchGetItem. */
export type BatchGetSender = (input: BatchGetCommandInput) => Promise<BatchGetCommandOutput>;

/** How batches are sent and how unprocessed items are retried. */
export interface BatchPolicy {
  /** Requests per group, the first included, before giving up on what is left. */
  maxAttempts: number;
  /** Ceiling of the first backoff; it doubles per attempt (full jitter). */
  baseDelayMs: number;
  /** Ceiling of any one backoff. */
  maxDelayMs: number;
  /** Groups in flight at once. */
  concurrency: number;
  sleep: Sleep;
  /** Uniform in [0, 1), for jitter. */
  random: () => number;
}

type Item = Record<string, unknown>;
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Full-jitter exponential backoff before retry number `attempt` (1 = first retry). */
function backoffMs(attempt: number, policy: BatchPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

function groups<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/**
 * Runs `task` over `items` with at most `limit` in flight. Stops starting new tasks after a
 * failure, waits for those in flight (so no request outlives the call), then rethrows.
 */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next];
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const outcomes = await Promise.allSettled(workers);
  const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
}

/**
 * Retries `send` on what it reports unprocessed until nothing is left or attempts run out.
 * @returns how many entries were still unprocessed (0 on success)
 */
async function untilProcessed<T>(
  entries: T[],
  policy: BatchPolicy,
  send: (pending: T[]) => Promise<T[]>,
): Promise<number> {
  let pending = entries;
  for (let attempt = 1; ; attempt += 1) {
    pending = await send(pending);
    if (pending.length === 0) return 0;
    if (attempt >= policy.maxAttempts) return pending.length;
    await policy.sleep(backoffMs(attempt, policy));
  }
}

/** Puts every item into `tableName`; the items' keys must be distinct. */
export async function batchPut(
  send: BatchWriteSender,
  tableName: string,
  items: readonly Item[],
  policy: BatchPolicy,
): Promise<void> {
  const requests: WriteRequest[] = items.map((item) => ({ PutRequest: { Item: item } }));
  let unprocessed = 0;
  await forEachLimited(groups(requests, WRITE_BATCH_SIZE), policy.concurrency, async (group) => {
    const left = await untilProcessed(group, policy, async (pending) => {
      const output = await send({ RequestItems: { [tableName]: pending } });
      return output.UnprocessedItems?.[tableName] ?? [];
    });
    // Added after the await: `total += await x` would read the total before other groups add.
    unprocessed += left;
  });

  if (unprocessed > 0) {
    throw new BatchIncompleteError(
      `BatchWriteItem left ${unprocessed} of ${items.length} items unprocessed in table ` +
        `${tableName} after ${policy.maxAttempts} attempts per batch: the table is throttled; ` +
        'run again later (writes are idempotent) or give the table more capacity',
      unprocessed,
    );
  }
}

/** What to read from each item: a projection with its attribute names. */
export interface Projection {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
}

/** Reads the items of `keys` (distinct) from `tableName`, strongly consistent, in any order. */
export async function batchGet(
  send: BatchGetSender,
  tableName: string,
  keys: readonly Item[],
  projection: Projection,
  policy: BatchPolicy,
): Promise<Item[]> {
  const found: Item[] = [];
  let unprocessed = 0;
  await forEachLimited(groups(keys, READ_BATCH_SIZE), policy.concurrency, async (group) => {
    const left = await untilProcessed(group, policy, async (pending) => {
      const output = await send({
        RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...projection } },
      });
      found.push(...(output.Responses?.[tableName] ?? []));
      return output.UnprocessedKeys?.[tableName]?.Keys ?? [];
    });
    unprocessed += left;
  });

  if (unprocessed > 0) {
    throw new BatchIncompleteError(
      `BatchGetItem left ${unprocessed} of ${keys.length} keys unprocessed in table ` +
        `${tableName} after ${policy.maxAttempts} attempts per batch: the table is throttled; ` +
        'retry the request later or give the table more capacity',
      unprocessed,
    );
  }
  return found;
}
