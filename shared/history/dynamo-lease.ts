import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo-errors.js';
import { isWholeNumber, parseStateItem, STATE_FIELDS } from './dynamo-items.js';
import { LeaseLostError, type SourceState, type StateUpdate } from './store.js';
import { LEASE_ATTRIBUTES, stateKey } from './table.js';

/**
 * The state item of a source: collector state and lease together, so that a state change is a
 * single UpdateItem whose condition is the lease (no transactions, which dynalite lacks).
 */

/** Where the state items live. */
export interface StateTable {
  client: DynamoDBDocumentClient;
  tableName: string;
}

const LEASE_NAMES = { '#owner': LEASE_ATTRIBUTES.owner, '#expiresAt': LEASE_ATTRIBUTES.expiresAt };

/** Reads `source`'s state, strongly consistent so a new run sees the last commit. */
export async function readState(table: StateTable, source: string): Promise<SourceState> {
  const output = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: stateKey(source), ConsistentRead: true }),
  );
  return parseStateItem(source, output.Item);
}

/** See HistoryStore.acquireLease. */
export async function acquireLease(
  table: StateTable,
  source: string,
  owner: string,
  nowSeconds: number,
  ttlSeconds: number,
): Promise<boolean> {
  if (!isWholeNumber(nowSeconds) || !isWholeNumber(ttlSeconds) || ttlSeconds === 0) {
    throw new RangeError(
      `cannot take the lease of source ${source} at ${nowSeconds} for ${ttlSeconds} s: ` +
        'pass whole epoch seconds and a positive whole number of seconds',
    );
  }
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: stateKey(source),
        UpdateExpression: 'SET #owner = :owner, #expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#owner) OR #expiresAt < :now OR #owner = :owner',
        ExpressionAttributeNames: LEASE_NAMES,
        ExpressionAttributeValues: {
          ':owner': owner,
          ':expiresAt': nowSeconds + ttlSeconds,
          ':now': nowSeconds,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The SET and REMOVE clauses of `update`, with its names and values. */
function updateClauses(update: StateUpdate, source: string) {
  const sets: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  for (const field of STATE_FIELDS) {
    const value = update[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else if (isWholeNumber(value)) {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    } else {
      throw new RangeError(
        `cannot commit ${field} = ${value} for source ${source}: expected whole epoch seconds`,
      );
    }
  }
  return { sets, removes, names, values };
}

/** See HistoryStore.commitState. */
export async function commitState(
  table: StateTable,
  source: string,
  owner: string,
  update: StateUpdate,
): Promise<void> {
  const { sets, removes, names, values } = updateClauses(update, source);
  // An empty update still confirms the lease: setting the owner to itself is a fenced no-op.
  if (sets.length === 0 && removes.length === 0) sets.push('#owner = :owner');
  const expression = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ].join(' ');

  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: stateKey(source),
        UpdateExpression: expression.trim(),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { ...names, '#owner': LEASE_ATTRIBUTES.owner },
        ExpressionAttributeValues: { ...values, ':owner': owner },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new LeaseLostError(
      `the lease of source ${source} is no longer held by ${owner} (it expired and another run ` +
        'took it, or it was released), so its state was not changed; stop this run and let ' +
        'the next one resume from the last commit',
      { cause: error },
    );
  }
}

/** See HistoryStore.releaseLease. */
export async function releaseLease(
  table: StateTable,
  source: string,
  owner: string,
): Promise<void> {
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: stateKey(source),
        UpdateExpression: 'REMOVE #owner, #expiresAt',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: LEASE_NAMES,
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
