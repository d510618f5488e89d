import { afterAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.js';
import type { AnomalyNotification } from '#shared/anomaly/notification.js';
import { simulatorOf, testStack } from '#test/support/local-stack.js';

const HOUR = 3600;
/** Monday 2025-11-24 00:00Z: history starts here; the test runs on Thursday morning. */
const MONDAY = Date.UTC(2025, 10, 24) / 1000;
const THURSDAY_10 = MONDAY + 3 * 24 * HOUR + 10 * HOUR;

describe('anomaly notifications in the local stack', () => {
  let stack: LocalStack | undefined;
  afterAll(async () => stack?.close());

  it('announces an injected spike and a silence once each, then their recovery', async () => {
    // Arrange: three days of history, then a spike at 10:30 and a silence at 13:30.
    const notifications: AnomalyNotification[] = [];
    const started = await testStack({
      startAt: THURSDAY_10,
      historyStart: MONDAY,
      env: { SETTLING_MINUTES: '5' },
      simulator: { lateShare: 0, arrivalLagSeconds: 120, eventsPerMinute: 200 },
      onNotification: (notification) => notifications.push(notification),
    });
    stack = started;
    await started.collect();
    const control = simulatorOf(started).control;
    const spike = { fromSeconds: THURSDAY_10 + 30 * 60, toSeconds: THURSDAY_10 + 60 * 60 };
    const silence = { fromSeconds: THURSDAY_10 + 3.5 * HOUR, toSeconds: THURSDAY_10 + 4.5 * HOUR };
    control.injectAnomaly({ kind: 'spike', factor: 10, ...spike });
    control.injectAnomaly({ kind: 'silence', ...silence });

    // Act: the collector every five minutes for seven hours; each run triggers the detector.
    for (let step = 0; step < 7 * 12; step += 1) {
      started.clock.advance(300);
      await started.collect();
      await started.bus.drain();
    }

    // Assert
    const seen = notifications.map((n) => `${n.type}: ${n.kind}`);
    expect(seen).toEqual([
      'Event Count Anomaly Detected: spike',
      'Event Count Anomaly Resolved: spike',
      'Event Count Anomaly Detected: silence',
      'Event Count Anomaly Resolved: silence',
    ]);
    const [spikeOpened, , silenceOpened] = notifications;
    expect(spikeOpened?.window.from).toBe(new Date(spike.fromSeconds * 1000).toISOString());
    expect(spikeOpened?.message).toMatch(/rose to/);
    expect(silenceOpened?.observed).toBe(0);
    expect(Date.parse(silenceOpened?.window.from ?? '') / 1000).toBeGreaterThanOrEqual(
      silence.fromSeconds,
    );
  }, 120_000);
});
