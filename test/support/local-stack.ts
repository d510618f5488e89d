import type { SimulatorOptions } from '#local/qualys-simulator/simulator.js';
import { type LocalStack, startLocalStack } from '#local/stack.js';
import type { AnomalyNotification } from '#shared/anomaly/notification.js';
import { manualClock } from './fake-qualys.js';

/** 2025-11-26T00:00:00Z, the day of the vendor's sample. */
export const SAMPLE_DAY = Date.UTC(2025, 10, 26) / 1000;

/** A local stack on a clock the test moves, the simulator and functions sharing it. */
export async function testStack(options: {
  startAt: number;
  historyStart?: number;
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  onNotification?: (notification: AnomalyNotification) => void;
}): Promise<LocalStack & { clock: ReturnType<typeof manualClock> }> {
  const clock = manualClock(options.startAt);
  const stack = await startLocalStack({
    port: 0,
    historyStart: options.historyStart ?? SAMPLE_DAY,
    qualys: { kind: 'simulator', options: { lateShare: 0, ...options.simulator } },
    clock,
    env: { CHUNK_MINUTES: '120', MAX_MINUTES_PER_RUN: '10080', ...options.env },
    onBusError: (error) => {
      throw error;
    },
    onNotification: options.onNotification ?? (() => undefined),
  });
  return Object.assign(stack, { clock });
}

/** The simulator of a stack, which test stacks always have. */
export function simulatorOf(stack: LocalStack) {
  if (stack.simulator === undefined) throw new Error('this stack reads a real Qualys');
  return stack.simulator;
}

/** Stored counts of the stack's source, minute -> count, over [from, to). */
export async function storedCounts(stack: LocalStack, from: number, to: number) {
  const items = await stack.store.readRange(stack.sourceName, from, to);
  return new Map(items.map((item) => [item.minute, item.count]));
}
