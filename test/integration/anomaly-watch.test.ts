import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAnomalyHandler } from '#functions/anomaly/app.js';
import { localContext } from '#local/lambda/context.js';
import { closedAlert } from '#shared/anomaly/lifecycle.js';
import { DEFAULT_SETTINGS } from '#shared/anomaly/settings.js';
import { watchSource } from '#shared/anomaly/watch.js';
import { anomalyEnv } from '#shared/config/anomaly.js';
import { eventBridgePublisher } from '#shared/events/eventbridge.js';
import { DynamoAlertStore } from '#shared/history/dynamo-alerts.js';
import { manualClock } from '#test/support/fake-qualys.js';
import { seedHistory } from '#test/support/seed-history.js';
import { createTestTable } from '#test/support/table.js';

const DAY = Date.UTC(2025, 10, 24) / 1000;
const bridge = mockClient(EventBridgeClient);
const WATCHDOG = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };

async function setup() {
  const { client, tableName, store } = await createTestTable();
  // Two days of steady history, settled to its end.
  await seedHistory(store, 'acme', DAY, new Array(2 * 1440).fill(100));
  const clock = manualClock(DAY + 2 * 86_400 + 600);
  const alerts = new DynamoAlertStore(client, tableName);
  const handler = createAnomalyHandler({
    env: anomalyEnv({ TABLE_NAME: tableName, EVENT_BUS_NAME: 'bus', SOURCE_NAMES: 'acme' }),
    store,
    alerts,
    publisher: eventBridgePublisher(new EventBridgeClient({ region: 'local' }), 'bus'),
    clock,
    logger: new Logger({ serviceName: 'anomaly-test' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'anomaly-test' }),
  });
  const invoke = (event: unknown = WATCHDOG) => handler(event, localContext('anomaly'));
  return { store, alerts, clock, invoke };
}

function published(): { DetailType?: string; Detail?: string }[] {
  return bridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
}

describe('the anomaly function on stored history', () => {
  beforeEach(() => {
    bridge.reset();
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  });

  it('stays quiet over steady, freshly collected history', async () => {
    const { invoke } = await setup();

    const [result] = await invoke();

    expect(result?.latest?.kind).toBeUndefined();
    expect(result?.stalled).toBe(false);
    expect(published()).toEqual([]);
  });

  it('announces stalled collection once, suppresses repeats, resolves on recovery', async () => {
    const { invoke, clock, store } = await setup();
    clock.advance(3600);

    await invoke();
    await invoke();
    const stalledEvents = published();
    // The collector catches up an hour later, and the source has looked fine for the cooldown.
    clock.advance(3600);
    const caughtUp = new Array(2 * 1440 + 130).fill(100);
    await seedHistory(store, 'acme', DAY, caughtUp, DAY + 2 * 86_400 + 7200);
    await invoke();

    expect(stalledEvents).toHaveLength(1);
    expect(stalledEvents[0]?.DetailType).toBe('Event Count Anomaly Detected');
    expect(JSON.parse(stalledEvents[0]?.Detail ?? '{}')).toMatchObject({
      source: 'acme',
      kind: 'stalled',
    });
    const all = published();
    expect(all.map((entry) => entry.DetailType)).toEqual([
      'Event Count Anomaly Detected',
      'Event Count Anomaly Resolved',
    ]);
  });

  it('never judges minutes still filling after the checkpoint, so they raise no drop', async () => {
    // arrange: the last 30 minutes hold a tenth of their events so far (late arrivals),
    // and the collector's checkpoint is 30 minutes behind the collected end
    const { store, clock, alerts } = await createTestTable().then(async (table) => ({
      ...table,
      clock: manualClock(DAY + 2 * 86_400 + 120),
      alerts: new DynamoAlertStore(table.client, table.tableName),
    }));
    const filling = [...new Array(2 * 1440 - 30).fill(100), ...new Array(30).fill(10)];
    await seedHistory(store, 'acme', DAY, filling, DAY + 2 * 86_400 - 1800);

    // act
    const result = await watchSource(
      'acme',
      { anomaly: DEFAULT_SETTINGS, settlingMinutes: 0, stallAfterSeconds: 3600 },
      { store, alerts, clock },
    );

    // assert: the newest window judged ends at the checkpoint and is normal
    expect(result.latest?.end).toBe(DAY + 2 * 86_400 - 1800);
    expect(result.latest?.kind).toBeUndefined();
    expect(result.notifications).toEqual([]);
  });

  it('does not call a collector that is catching up stalled', async () => {
    const { invoke, clock, store } = await setup();
    clock.advance(3600);
    await store.acquireLease('acme', 'collector', 0, 60);
    await store.commitState('acme', 'collector', {
      lastRunAt: Math.floor(clock().getTime() / 1000),
    });
    await store.releaseLease('acme', 'collector');

    const [result] = await invoke();

    expect(result?.stalled).toBe(false);
    expect(published()).toEqual([]);
  });

  it('saves no alert state when publishing fails, so the next check announces again', async () => {
    const { invoke, clock } = await setup();
    clock.advance(3600);
    bridge.on(PutEventsCommand).rejects(new Error('bus unavailable'));

    await expect(invoke()).rejects.toThrow(/bus unavailable/);
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    await invoke();

    const detected = published().filter((e) => e.DetailType === 'Event Count Anomaly Detected');
    expect(detected).toHaveLength(2);
  });

  it('refuses an alert save from a check that read an older version', async () => {
    const { alerts } = await setup();
    const closed = closedAlert('acme', 'spike');

    const first = await alerts.saveAlert(closed, 0);
    const stale = await alerts.saveAlert({ ...closed, status: 'open', openedAt: 1 }, 0);

    expect([first, stale]).toEqual([true, false]);
    expect((await alerts.readAlerts('acme')).get('spike')).toMatchObject({ version: 1 });
  });

  it('rejects a collection event for an unknown source', async () => {
    const { invoke } = await setup();
    const event = { 'detail-type': 'Event Counts Collected', detail: { source: 'nobody' } };

    await expect(invoke(event)).rejects.toThrow(/unknown source "nobody"/);
  });
});
