import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { MalformedItemError } from '#shared/history/dynamo-store.js';
import { LeaseLostError } from '#shared/history/store.js';
import { stateKey } from '#shared/history/table.js';
import { createTestTable } from '#test/support/table.js';

const NOW = 1_764_145_121;
const TTL = 900;

describe('DynamoHistoryStore state and lease', () => {
  it('starts a source with empty state', async () => {
    // arrange
    const { store } = await createTestTable();

    // act
    const state = await store.readState('eu1');

    // assert
    expect(state).toEqual({});
  });

  it('gives the lease to only one of two owners contending for it', async () => {
    // arrange
    const { store } = await createTestTable();

    // act
    const won = await Promise.all([
      store.acquireLease('eu1', 'run-a', NOW, TTL),
      store.acquireLease('eu1', 'run-b', NOW, TTL),
    ]);

    // assert
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('lets another owner take the lease only once it has expired', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    const atExpiry = await store.acquireLease('eu1', 'run-b', NOW + TTL, TTL);
    const afterExpiry = await store.acquireLease('eu1', 'run-b', NOW + TTL + 1, TTL);

    // assert
    expect(atExpiry).toBe(false);
    expect(afterExpiry).toBe(true);
    await expect(store.commitState('eu1', 'run-a', { checkpoint: NOW })).rejects.toThrow(
      LeaseLostError,
    );
  });

  it('lets the holder renew its own lease before it expires', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    const renewed = await store.acquireLease('eu1', 'run-a', NOW + 600, TTL);

    // assert: the renewal moved the expiry, so run-b still cannot take it after the first one
    expect(renewed).toBe(true);
    expect(await store.acquireLease('eu1', 'run-b', NOW + TTL + 1, TTL)).toBe(false);
  });

  it('commits state while the owner holds the lease, and keeps the lease out of it', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    await store.commitState('eu1', 'run-a', { firstMinute: 60, collectedUntil: 600 });
    await store.commitState('eu1', 'run-a', { checkpoint: 540, resumeFrom: 120, lastRunAt: NOW });

    // assert
    expect(await store.readState('eu1')).toEqual({
      firstMinute: 60,
      collectedUntil: 600,
      checkpoint: 540,
      resumeFrom: 120,
      lastRunAt: NOW,
    });
  });

  it('refuses a commit by a run that does not hold the lease and changes nothing', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);
    await store.commitState('eu1', 'run-a', { checkpoint: 540 });

    // act
    const byOther = store.commitState('eu1', 'run-b', { checkpoint: 600, resumeFrom: null });
    const byNobody = store.commitState('us1', 'run-b', { checkpoint: 600 });

    // assert
    await expect(byOther).rejects.toThrow(LeaseLostError);
    await expect(byOther).rejects.toThrow(/no longer held by run-b/);
    await expect(byNobody).rejects.toThrow(LeaseLostError);
    expect(await store.readState('eu1')).toEqual({ checkpoint: 540 });
    expect(await store.readState('us1')).toEqual({});
  });

  it('clears resumeFrom when it is committed as null, leaving the other fields', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);
    await store.commitState('eu1', 'run-a', { checkpoint: 540, resumeFrom: 120 });

    // act
    await store.commitState('eu1', 'run-a', { resumeFrom: null, restatedAt: NOW });

    // assert
    expect(await store.readState('eu1')).toEqual({ checkpoint: 540, restatedAt: NOW });
  });

  it('confirms the lease on an empty commit', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    const byOwner = store.commitState('eu1', 'run-a', {});
    const byOther = store.commitState('eu1', 'run-b', {});

    // assert
    await expect(byOwner).resolves.toBeUndefined();
    await expect(byOther).rejects.toThrow(LeaseLostError);
  });

  it('frees the lease on release by its owner, and ignores a release by anyone else', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    await store.releaseLease('eu1', 'run-b');
    const takenWhileHeld = await store.acquireLease('eu1', 'run-b', NOW + 1, TTL);
    await store.releaseLease('eu1', 'run-a');
    const takenAfterRelease = await store.acquireLease('eu1', 'run-b', NOW + 2, TTL);

    // assert
    expect(takenWhileHeld).toBe(false);
    expect(takenAfterRelease).toBe(true);
    await expect(store.releaseLease('us1', 'run-a')).resolves.toBeUndefined();
  });

  it('keeps the state and lease of each source apart', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);
    await store.commitState('eu1', 'run-a', { checkpoint: 540 });

    // act
    const other = await store.acquireLease('us1', 'run-b', NOW, TTL);

    // assert
    expect(other).toBe(true);
    expect(await store.readState('us1')).toEqual({});
    await expect(store.commitState('us1', 'run-a', { checkpoint: 60 })).rejects.toThrow(
      LeaseLostError,
    );
  });

  it('rejects a state value that is not whole epoch seconds, writing nothing', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.acquireLease('eu1', 'run-a', NOW, TTL);

    // act
    const commit = store.commitState('eu1', 'run-a', { checkpoint: 540, lastRunAt: 1.5 });

    // assert
    await expect(commit).rejects.toThrow(/lastRunAt = 1.5 .* expected whole epoch seconds/);
    expect(await store.readState('eu1')).toEqual({});
  });

  it('reports a malformed state item with an error that names its key', async () => {
    // arrange
    const { client, tableName, store } = await createTestTable();
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...stateKey('eu1'), checkpoint: 'soon' } }),
    );

    // act
    const reading = store.readState('eu1');

    // assert
    await expect(reading).rejects.toThrow(MalformedItemError);
    await expect(reading).rejects.toThrow('pk=STATE#eu1 sk=0 is malformed: checkpoint is "soon"');
  });
});
