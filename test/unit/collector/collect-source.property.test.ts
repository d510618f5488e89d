import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectSource } from '#shared/collector/run.js';
import type { CollectorSettings } from '#shared/collector/settings.js';
import { FakeQualys, manualClock, truthOf } from '#test/support/fake-qualys.js';
import { MemoryStore } from '#test/support/memory-store.js';

const DAY_START = Date.UTC(2025, 10, 26) / 1000;

/** One step of a schedule: time passes, then a run that may meet a failure. */
const step = fc.record({
  advanceSeconds: fc.integer({ min: 0, max: 4 * 3600 }),
  qualysFailsAfter: fc.option(fc.nat(4), { nil: undefined }),
  storeFailsAfter: fc.option(fc.nat(4), { nil: undefined }),
});

const settingsArb = fc.record({
  // At least the fake's arrival lag (300 s): a shorter settling window cannot converge.
  settlingSeconds: fc.constantFrom(300, 900),
  chunkMinutes: fc.integer({ min: 1, max: 240 }),
  maxMinutesPerRun: fc.integer({ min: 30, max: 2000 }),
  restatementSeconds: fc.constantFrom(0, 3 * 3600),
  restatementEverySeconds: fc.constantFrom(0, 3600),
});

describe('collectSource over any schedule of runs and failures', () => {
  it('ends with gap-free history equal to the truth and consistent running totals', async () => {
    await fc.assert(
      fc.asyncProperty(settingsArb, fc.array(step, { maxLength: 12 }), async (tuned, steps) => {
        // Arrange
        const settings: CollectorSettings = {
          ...tuned,
          historyStart: DAY_START,
          leaseSeconds: 960,
        };
        const clock = manualClock(DAY_START + 3600);
        const store = new MemoryStore();
        const qualys = new FakeQualys({ clock, lagSeconds: 300 });
        let run = 0;
        const collect = () => {
          run += 1;
          return collectSource('acme', settings, { store, qualys, clock, runId: `run-${run}` });
        };

        // Act: the schedule, failures swallowed as the scheduler would, then quiet runs.
        for (const { advanceSeconds, qualysFailsAfter, storeFailsAfter } of steps) {
          clock.advance(advanceSeconds);
          qualys.failNextCalls = qualysFailsAfter === undefined ? 0 : 1;
          store.failWritesAfter = storeFailsAfter;
          await collect().catch(() => undefined);
          store.failWritesAfter = undefined;
          qualys.failNextCalls = 0;
        }
        clock.advance(settings.settlingSeconds + 600);
        for (let quiet = 0; quiet < 60; quiet += 1) {
          const result = await collect();
          if (result.caughtUp && (await store.readState('acme')).resumeFrom === undefined) break;
        }

        // Assert
        const state = await store.readState('acme');
        const items = await store.readRange('acme', 0, Number.MAX_SAFE_INTEGER);
        expect(state.resumeFrom).toBeUndefined();
        expect(state.checkpoint).toBeLessThanOrEqual(state.collectedUntil ?? 0);
        let total = 0;
        items.forEach((item, index) => {
          expect(item.minute).toBe(DAY_START + 60 * index);
          expect(item.before).toBe(total);
          total += item.count;
          if (item.minute < (state.checkpoint ?? 0)) expect(item.count).toBe(truthOf(item.minute));
        });
        expect(DAY_START + 60 * items.length).toBe(state.collectedUntil);
      }),
      { numRuns: 150 },
    );
  });
});
