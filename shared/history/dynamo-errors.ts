/** Errors of the DynamoDB history store, one class per problem. */

/**
 * An item read from the history table does not have the shape this store writes: the table was
 * edited by hand or by another program. The message names the item's key and the bad attribute.
 */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
}

/**
 * DynamoDB kept leaving part of a batch unprocessed (throttling) after every retry. Nothing is
 * lost: writes are idempotent and reads have no side effect, so the run can be repeated later.
 */
export class BatchIncompleteError extends Error {
  override readonly name = 'BatchIncompleteError';

  constructor(
    message: string,
    /** How many items (writes) or keys (reads) were still unprocessed when it gave up. */
    readonly unprocessed: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Whether a write failed only because its condition did not hold. By name rather than
 * instanceof: a second copy of the SDK in a bundle has its own class.
 */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
