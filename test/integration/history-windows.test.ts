import { describe, expect, it } from 'vitest';
import { readWindowTotals } from '#shared/history/windows.js';
import { seedHistory } from '#test/support/seed-history.js';
import { createTestTable } from '#test/support/table.js';

/** Monday 2025-01-06 00:00:00Z, on a window edge. */
const MONDAY = Date.UTC(2025, 0, 6) / 1000;

describe('window totals from running totals', () => {
  it('sums minutes into aligned windows, leaving out uncollected ones', async () => {
    // arrange: 2 events a minute, collected for the first 20 minutes only
    const { store } = await createTestTable();
    await seedHistory(store, 'acme', MONDAY, new Array(20).fill(2));
    const state = await store.readState('acme');

    // act: windows of 15 minutes up to minute 40
    const windows = await readWindowTotals(store, 'acme', state, 900, MONDAY, MONDAY + 40 * 60);

    // assert
    expect(windows).toEqual([{ start: MONDAY, end: MONDAY + 900, count: 30 }]);
  });

  it('stops at the end it is given, so windows past the settled edge are not judged', async () => {
    const { store } = await createTestTable();
    await seedHistory(store, 'acme', MONDAY, new Array(60).fill(3));
    const state = await store.readState('acme');

    const windows = await readWindowTotals(store, 'acme', state, 900, MONDAY, MONDAY + 44 * 60);

    expect(windows.map((window) => window.count)).toEqual([45, 45]);
    expect(windows.at(-1)?.end).toBe(MONDAY + 30 * 60);
  });

  it('reads one item per window edge, not every minute', async () => {
    const { store } = await createTestTable();
    await seedHistory(store, 'acme', MONDAY, new Array(600).fill(1));
    const state = await store.readState('acme');
    let read = 0;
    const counting = Object.create(store);
    counting.readMinutes = async (source: string, minutes: readonly number[]) => {
      read += minutes.length;
      return store.readMinutes(source, minutes);
    };

    const windows = await readWindowTotals(counting, 'acme', state, 900, MONDAY, MONDAY + 36_000);

    expect(windows).toHaveLength(40);
    expect(read).toBe(41);
  });
});
