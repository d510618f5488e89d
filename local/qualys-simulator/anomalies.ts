import { z } from 'zod';

/** Spike multiplies a factor into the truth; default factor of a spike. */
export const DEFAULT_SPIKE_FACTOR = 10;

/**
 * A change to the truth, for testing the anomaly detector. It affects every minute whose start
 * lies in [fromSeconds, toSeconds). Anomalies apply in the order they were injected.
 */
export type Anomaly =
  | {
      kind: 'spike';
      fromSeconds: number;
      toSeconds: number;
      /** Multiplier of the truth. @default 10 */
      factor?: number;
    }
  | { kind: 'silence'; fromSeconds: number; toSeconds: number };

const range = {
  fromSeconds: z.number().int(),
  toSeconds: z.number().int(),
};

/** What `POST /_simulator/anomalies` accepts. */
export const anomalySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('spike'), ...range, factor: z.number().min(0).optional() }),
    z.strictObject({ kind: z.literal('silence'), ...range }),
  ])
  .refine((anomaly) => anomaly.fromSeconds < anomaly.toSeconds, {
    message: 'fromSeconds must be before toSeconds',
    path: ['fromSeconds'],
  });

/** Applies every anomaly that covers `minute` (epoch seconds) to its `count`. */
export function applyAnomalies(
  anomalies: readonly Anomaly[],
  minute: number,
  count: number,
): number {
  let changed = count;
  for (const anomaly of anomalies) {
    if (minute < anomaly.fromSeconds || minute >= anomaly.toSeconds) continue;
    changed =
      anomaly.kind === 'silence'
        ? 0
        : Math.round(changed * (anomaly.factor ?? DEFAULT_SPIKE_FACTOR));
  }
  return changed;
}
