import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventBridgePublisher } from '#shared/events/eventbridge.js';
import { collectorOver } from '#test/support/collector.js';
import { FakeQualys, manualClock } from '#test/support/fake-qualys.js';
import { createTestTable } from '#test/support/table.js';

const DAY = Date.UTC(2025, 10, 26) / 1000;
const bridge = mockClient(EventBridgeClient);

async function setup() {
  const { store } = await createTestTable();
  const clock = manualClock(DAY + 3 * 3600);
  const qualys = new FakeQualys({ clock });
  const publisher = eventBridgePublisher(new EventBridgeClient({ region: 'local' }), 'bus');
  const invoke = collectorOver({
    store,
    qualysFor: () => qualys,
    publisher,
    clock,
    env: { HISTORY_START: '2025-11-26T00:00:00Z', CHUNK_MINUTES: '60' },
  });
  return { store, clock, qualys, invoke };
}

describe('the collector handler', () => {
  beforeEach(() => {
    bridge.reset();
    bridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  });

  it('collects the scheduled source and publishes Event Counts Collected on the bus', async () => {
    const { store, invoke } = await setup();

    const [result] = await invoke({ source: 'acme' });

    expect(result).toMatchObject({ source: 'acme', status: 'collected', minutes: 180 });
    expect((await store.readState('acme')).collectedUntil).toBe(DAY + 3 * 3600);
    expect((await store.readState('beta')).collectedUntil).toBeUndefined();
    const entries = bridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      EventBusName: 'bus',
      Source: 'edr-count-history',
      DetailType: 'Event Counts Collected',
    });
    expect(JSON.parse(entries[0]?.Detail ?? '{}')).toMatchObject({
      source: 'acme',
      from: '2025-11-26T00:00:00.000Z',
      to: '2025-11-26T03:00:00.000Z',
      minutes: 180,
      caughtUp: true,
    });
  });

  it('collects every source when the input names none', async () => {
    const { invoke } = await setup();

    const results = await invoke({});

    expect(results.map((result) => result.source)).toEqual(['acme', 'beta']);
  });

  it('rejects an unknown source, naming the known ones', async () => {
    const { invoke } = await setup();

    await expect(invoke({ source: 'gamma' })).rejects.toThrow(/unknown source "gamma".*acme, beta/);
  });

  it('tries every source and then fails the invocation when one failed', async () => {
    const { invoke, qualys, store } = await setup();
    qualys.failNextCalls = 1;

    await expect(invoke({})).rejects.toThrow(/1 source\(s\) failed/);
    expect((await store.readState('beta')).collectedUntil).toBe(DAY + 3 * 3600);
  });

  it('fails the run when the bus refuses the event, after the history is saved', async () => {
    const { invoke, store } = await setup();
    bridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });

    await expect(invoke({ source: 'acme' })).rejects.toThrow(/failed to collect/);
    expect((await store.readState('acme')).collectedUntil).toBe(DAY + 3 * 3600);
  });
});
