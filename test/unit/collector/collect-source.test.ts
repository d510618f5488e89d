import { describe, expect, it } from 'vitest';
import { collectSource } from '#shared/collector/run.js';
import type { CollectorSettings } from '#shared/collector/settings.js';
import { FakeQualys, manualClock, truthOf } from '#test/support/fake-qualys.js';
import { MemoryStore } from '#test/support/memory-store.js';

const DAY_START = Date.UTC(2025, 10, 26) / 1000;
const SETTINGS: CollectorSettings = {
  settlingSeconds: 900,
  chunkMinutes: 60,
  maxMinutesPerRun: 10_080,
  restatementSeconds: 0,
  restatementEverySeconds: 0,
  historyStart: DAY_START,
  leaseSeconds: 960,
};

function setup(startSeconds = DAY_START + 6 * 3600) {
  const clock = manualClock(startSeconds);
  const store = new MemoryStore();
  const qualys = new FakeQualys({ clock });
  let run = 0;
  const collect = (settings: CollectorSettings = SETTINGS) => {
    run += 1;
    return collectSource('acme', settings, { store, qualys, clock, runId: `run-${run}` });
  };
  return { clock, store, qualys, collect };
}

/** Stored history of `acme` as minute -> count, after checking it is gap-free and consistent. */
async function consistentHistory(store: MemoryStore): Promise<Map<number, number>> {
  const state = await store.readState('acme');
  const items = await store.readRange('acme', 0, Number.MAX_SAFE_INTEGER);
  let expectedMinute = state.firstMinute;
  let total = 0;
  for (const item of items) {
    expect(item.minute).toBe(expectedMinute);
    expect(item.before).toBe(total);
    total += item.count;
    expectedMinute = item.minute + 60;
  }
  expect(expectedMinute).toBe(state.collectedUntil);
  return new Map(items.map((item) => [item.minute, item.count]));
}

describe('collectSource', () => {
  it('backfills from the history start to the last whole minute on its first run', async () => {
    const { store, collect, qualys } = setup();

    const result = await collect();

    expect(result).toMatchObject({ status: 'collected', from: DAY_START, minutes: 360 });
    expect(result.caughtUp).toBe(true);
    expect(qualys.calls).toBe(6);
    const history = await consistentHistory(store);
    expect(history.size).toBe(360);
    expect(history.get(DAY_START)).toBe(truthOf(DAY_START));
    const state = await store.readState('acme');
    expect(state.collectedUntil).toBe(DAY_START + 6 * 3600);
    expect(state.checkpoint).toBe(DAY_START + 6 * 3600 - 900);
  });

  it('changes no stored value when a run repeats over the same window', async () => {
    const { store, collect, clock } = setup();
    await collect();
    clock.advance(3600);
    await collect();
    const before = structuredClone(store.minutes);

    const state = store.states.get('acme');
    store.states.set('acme', { ...state, checkpoint: DAY_START + 3600 });
    const rerun = await collect();

    expect(rerun).toMatchObject({ from: DAY_START + 3600, minutes: 360 });

    expect(store.minutes).toEqual(before);
  });

  it('converges a minute that gains late events upstream within the settling window', async () => {
    const { store, collect, clock, qualys } = setup();
    await collect();
    const lastMinute = DAY_START + 6 * 3600 - 60;
    const early = (await consistentHistory(store)).get(lastMinute);
    expect(early).toBeLessThan(truthOf(lastMinute));

    clock.advance(300);
    await collect();
    clock.advance(900);
    await collect();

    expect((await consistentHistory(store)).get(lastMinute)).toBe(truthOf(lastMinute));
    expect(qualys.visible(lastMinute, DAY_START + 7 * 3600)).toBe(truthOf(lastMinute));
  });

  it('picks up events that arrive hours late through the restatement pass', async () => {
    const clock = manualClock(DAY_START + 6 * 3600);
    const store = new MemoryStore();
    const lateMinute = DAY_START + 5 * 3600;
    const veryLate = { minute: lateMinute, events: 7, afterSeconds: 3 * 3600 };
    const qualys = new FakeQualys({ clock, veryLate });
    const settings = {
      ...SETTINGS,
      restatementSeconds: 12 * 3600,
      restatementEverySeconds: 6 * 3600,
    };
    const collect = (id: string) =>
      collectSource('acme', settings, { store, qualys, clock, runId: id });
    await collect('first');

    for (let hour = 1; hour <= 9; hour += 1) {
      clock.advance(3600);
      await collect(`hour-${hour}`);
    }

    const history = await consistentHistory(store);
    expect(history.get(lateMinute)).toBe(truthOf(lateMinute) + 7);
  });

  it('loses nothing when a run fails mid-backfill, and the next run finishes it', async () => {
    const { store, collect, qualys, clock } = setup();
    await collect();
    clock.advance(3 * 3600);
    qualys.failNextCalls = 0;
    store.failWritesAfter = 1;

    await expect(collect()).rejects.toThrow(/injected write failure/);
    const afterFailure = await store.readState('acme');
    await consistentHistory(store);

    store.failWritesAfter = undefined;
    clock.advance(1800);
    await collect();

    const firstChunkEnd = DAY_START + 6 * 3600 - 900 + 3600;
    expect(afterFailure).toMatchObject({
      collectedUntil: firstChunkEnd,
      checkpoint: firstChunkEnd,
    });
    const history = await consistentHistory(store);
    const settledEnd = DAY_START + 9.5 * 3600 - 900;
    for (let minute = DAY_START; minute < settledEnd; minute += 60) {
      expect(history.get(minute)).toBe(truthOf(minute));
    }
  });

  it('repairs running totals when Qualys fails part way through a re-read', async () => {
    // Arrange: a minute early in the restatement horizon gains 5 events hours late, so every
    // running total after it changes, and the re-read fails after its first chunks.
    const clock = manualClock(DAY_START + 6 * 3600);
    const store = new MemoryStore();
    const veryLate = { minute: DAY_START + 3600, events: 5, afterSeconds: 2 * 3600 };
    const qualys = new FakeQualys({ clock, veryLate });
    const settings = { ...SETTINGS, restatementSeconds: 12 * 3600, restatementEverySeconds: 3600 };
    const collect = (id: string) =>
      collectSource('acme', settings, { store, qualys, clock, runId: id });
    await collect('first');
    clock.advance(6 * 3600);
    const original = qualys.fetchMinuteCounts.bind(qualys);
    let calls = 0;
    qualys.fetchMinuteCounts = async (from, to) => {
      calls += 1;
      if (calls === 3) throw new Error('injected Qualys failure');
      return original(from, to);
    };

    // Act
    await expect(collect('failing')).rejects.toThrow(/injected Qualys failure/);
    const afterFailure = await store.readState('acme');
    await collect('next');

    // Assert
    expect(afterFailure.resumeFrom).toBe(DAY_START + 2 * 3600);
    expect((await store.readState('acme')).resumeFrom).toBeUndefined();
    const history = await consistentHistory(store);
    expect(history.get(DAY_START + 3600)).toBe(truthOf(DAY_START + 3600) + 5);
  });

  it('skips the run when another run holds the lease', async () => {
    const { store, collect, clock } = setup();
    await store.acquireLease('acme', 'someone-else', Math.floor(clock().getTime() / 1000), 960);

    const result = await collect();

    expect(result.status).toBe('busy');
    expect(store.minutes.get('acme')).toBeUndefined();
  });

  it('stops at its bound and catches up over later runs', async () => {
    const { store, collect } = setup();
    const bounded = { ...SETTINGS, maxMinutesPerRun: 100 };

    const first = await collect(bounded);
    const second = await collect(bounded);

    expect(first).toMatchObject({ minutes: 100, caughtUp: false });
    expect(second).toMatchObject({ from: DAY_START + 6000, minutes: 100 });
    expect((await consistentHistory(store)).size).toBe(200);
  });

  it('starts no new chunk after its deadline', async () => {
    const clock = manualClock(DAY_START + 6 * 3600);
    const store = new MemoryStore();
    const qualys = new FakeQualys({ clock });
    const deadlineMs = clock().getTime() - 1;

    const result = await collectSource('acme', SETTINGS, {
      store,
      qualys,
      clock,
      runId: 'late',
      deadlineMs,
    });

    expect(result).toMatchObject({ status: 'collected', minutes: 0, caughtUp: false });
    expect(qualys.calls).toBe(0);
  });
});
