import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The layout of the history table, shared by the store, the local stack, the tests and the CDK
 * stack so that all of them agree on key names and item keys.
 *
 * One table holds every source. A source's minutes live in partition `SOURCE#<source>` sorted
 * by minute start; its collector state and lease live in the single item `STATE#<source>` / 0,
 * so that a state change and the lease check are one conditional write.
 */

/** Partition key attribute (string). */
export const PARTITION_KEY = 'pk';

/** Sort key attribute (number). */
export const SORT_KEY = 'sk';

/** Key attributes with their DynamoDB scalar types, for table definitions (CDK, CreateTable). */
export const TABLE_KEYS = {
  partitionKey: { name: PARTITION_KEY, type: 'S' },
  sortKey: { name: SORT_KEY, type: 'N' },
} as const;

/** Prefix of the partition that holds a source's minute items. */
export const MINUTE_PARTITION_PREFIX = 'SOURCE#';

/** Prefix of the partition that holds a source's state item. */
export const STATE_PARTITION_PREFIX = 'STATE#';

/** Prefix of the partition that holds a source's anomaly alert items, one per kind. */
export const ALERT_PARTITION_PREFIX = 'ALERT#';

/** Sort key of the state item. */
export const STATE_SORT_KEY = 0;

/** Attributes of a minute item besides its key (see StoredMinute). */
export const MINUTE_ATTRIBUTES = { count: 'count', before: 'before' } as const;

/** Attributes of the state item that hold the lease (the rest are SourceState's fields). */
export const LEASE_ATTRIBUTES = { owner: 'leaseOwner', expiresAt: 'leaseExpiresAt' } as const;

/** The key of an item (a type alias, so that it is assignable to the SDK's item records). */
export type ItemKey = {
  pk: string;
  sk: number;
};

/** Partition holding the minute items of `source`. */
export function minutePartition(source: string): string {
  return `${MINUTE_PARTITION_PREFIX}${source}`;
}

/** Key of the minute item of `source` starting at `minute` (epoch seconds). */
export function minuteKey(source: string, minute: number): ItemKey {
  return { pk: minutePartition(source), sk: minute };
}

/** Key of the state (and lease) item of `source`. */
export function stateKey(source: string): ItemKey {
  return { pk: `${STATE_PARTITION_PREFIX}${source}`, sk: STATE_SORT_KEY };
}

/**
 * CreateTable input for the history table, on-demand billing. The local stack and the tests
 * create their tables with it; the CDK stack declares the same keys from TABLE_KEYS.
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey.name, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.partitionKey.name, AttributeType: TABLE_KEYS.partitionKey.type },
      { AttributeName: TABLE_KEYS.sortKey.name, AttributeType: TABLE_KEYS.sortKey.type },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** Partition holding the alert items of `source`. */
export function alertPartition(source: string): string {
  return `${ALERT_PARTITION_PREFIX}${source}`;
}
