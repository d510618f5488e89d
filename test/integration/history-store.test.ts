import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { MalformedItemError } from '#shared/history/dynamo-store.js';
import { type StoredMinute, withRunningTotals } from '#shared/history/minutes.js';
import { minuteKey } from '#shared/history/table.js';
import { countCommands, createTestTable } from '#test/support/table.js';

/** 2025-11-26T00:00:00Z, the seed sample's day. */
const DAY = 1_764_115_200;

/** `counts[i]` events in the minute `first + 60 i`, with running totals from 0. */
function history(first: number, counts: readonly number[]): StoredMinute[] {
  return withRunningTotals(
    counts.map((count, index) => ({ minute: first + 60 * index, count })),
    0,
  );
}

describe('DynamoHistoryStore minutes', () => {
  it('reads back the minutes it stored, zero minutes included', async () => {
    // arrange
    const { store } = await createTestTable();
    const minutes = history(DAY, [5, 0, 0, 7, 0]);

    // act
    await store.writeMinutes('eu1', minutes);
    const range = await store.readRange('eu1', DAY, DAY + 300);
    const picked = await store.readMinutes('eu1', [DAY + 60, DAY + 180]);

    // assert
    expect(range).toEqual(minutes);
    expect(range.filter((minute) => minute.count === 0)).toHaveLength(3);
    expect(picked).toEqual(
      new Map([
        [DAY + 60, { minute: DAY + 60, count: 0, before: 5 }],
        [DAY + 180, { minute: DAY + 180, count: 7, before: 5 }],
      ]),
    );
  });

  it('changes nothing when the same minutes are written again', async () => {
    // arrange
    const { store } = await createTestTable();
    const minutes = history(DAY, [3, 1, 4, 1, 5, 9, 2, 6]);
    await store.writeMinutes('eu1', minutes);
    const first = await store.readRange('eu1', DAY, DAY + 3600);

    // act
    await store.writeMinutes('eu1', minutes);

    // assert
    expect(await store.readRange('eu1', DAY, DAY + 3600)).toEqual(first);
    expect(first).toHaveLength(minutes.length);
  });

  it('replaces a stored minute with its correction, keeping the last of duplicates', async () => {
    // arrange
    const { store } = await createTestTable();
    await store.writeMinutes('eu1', history(DAY, [1, 1, 1]));

    // act
    await store.writeMinutes('eu1', [
      { minute: DAY + 60, count: 2, before: 1 },
      { minute: DAY + 60, count: 4, before: 1 },
    ]);

    // assert
    expect((await store.readRange('eu1', DAY, DAY + 180)).map((m) => m.count)).toEqual([1, 4, 1]);
  });

  it('reads more than 100 scattered minutes, leaving out minutes never stored', async () => {
    // arrange
    const { client, store } = await createTestTable();
    const written = history(
      DAY,
      Array.from({ length: 300 }, (_, i) => i % 7),
    );
    await store.writeMinutes('eu1', written);
    const stored = Array.from({ length: 150 }, (_, i) => DAY + 120 * i);
    const missing = [DAY - 60, DAY + 300 * 60, DAY + 400 * 60];
    const commands = countCommands(client);

    // act
    const found = await store.readMinutes('eu1', [...stored, ...missing, ...stored.slice(0, 40)]);

    // assert
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(stored);
    expect(found.get(DAY + 120 * 149)).toEqual(written[298]);
    expect(found.get(DAY + 120 * 149)).toEqual({ minute: DAY + 17_880, count: 4, before: 888 });
    expect(commands.get('BatchGetItemCommand')).toBe(2);
  });

  it('pages through a range of more than 1 MB, ascending, to its exclusive end', async () => {
    // arrange: a long source name makes each item about 1.5 kB, so 1000 of them exceed 1 MB
    const { client, store } = await createTestTable();
    const source = 'x'.repeat(1500);
    await store.writeMinutes(
      source,
      history(
        DAY,
        Array.from({ length: 1001 }, () => 1),
      ),
    );
    const commands = countCommands(client);

    // act
    const range = await store.readRange(source, DAY, DAY + 1000 * 60);

    // assert
    expect(commands.get('QueryCommand')).toBeGreaterThanOrEqual(2);
    expect(range).toHaveLength(1000);
    expect(range.every((minute, index) => minute.minute === DAY + 60 * index)).toBe(true);
    expect(range.at(-1)).toEqual({ minute: DAY + 999 * 60, count: 1, before: 999 });
  });

  it('answers an empty range without reading', async () => {
    // arrange
    const { client, store } = await createTestTable();
    await store.writeMinutes('eu1', history(DAY, [1, 2]));
    const commands = countCommands(client);

    // act
    const range = await store.readRange('eu1', DAY + 60, DAY + 60);

    // assert
    expect(range).toEqual([]);
    expect(commands.size).toBe(0);
  });

  it('keeps the minutes of each source apart', async () => {
    // arrange: one name is a prefix of the other, which a begins_with key would mix up
    const { store } = await createTestTable();
    await store.writeMinutes('eu', history(DAY, [1, 1]));
    await store.writeMinutes('eu1', history(DAY, [9, 9, 9]));

    // act
    const eu = await store.readRange('eu', 0, DAY + 86_400);
    const eu1 = await store.readMinutes('eu1', [DAY, DAY + 60, DAY + 120]);
    const other = await store.readRange('us1', 0, DAY + 86_400);

    // assert
    expect(eu.map((minute) => minute.count)).toEqual([1, 1]);
    expect([...eu1.values()].map((minute) => minute.count)).toEqual([9, 9, 9]);
    expect(other).toEqual([]);
  });

  it('reports a malformed stored minute with an error that names its key', async () => {
    // arrange
    const { client, tableName, store } = await createTestTable();
    await store.writeMinutes('eu1', history(DAY, [1, 2, 3]));
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...minuteKey('eu1', DAY + 60), count: 'two', before: 1 },
      }),
    );

    // act
    const reading = store.readRange('eu1', DAY, DAY + 180);

    // assert
    await expect(reading).rejects.toThrow(MalformedItemError);
    await expect(reading).rejects.toThrow(`pk=SOURCE#eu1 sk=${DAY + 60}`);
    await expect(store.readMinutes('eu1', [DAY + 60])).rejects.toThrow(/count is "two"/);
  });

  it('refuses to store a minute off a minute edge or with a negative count', async () => {
    // arrange
    const { store } = await createTestTable();

    // act
    const offEdge = store.writeMinutes('eu1', [{ minute: DAY + 30, count: 1, before: 0 }]);
    const negative = store.writeMinutes('eu1', [
      { minute: DAY, count: 1, before: 0 },
      { minute: DAY + 60, count: -1, before: 1 },
    ]);

    // assert
    await expect(offEdge).rejects.toThrow(/minute is 1764115230, expected epoch seconds/);
    await expect(negative).rejects.toThrow(/count is -1, expected a whole number >= 0/);
    expect(await store.readRange('eu1', 0, DAY + 86_400)).toEqual([]);
  });
});
