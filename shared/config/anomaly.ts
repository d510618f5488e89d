import { z } from 'zod';
import { anomalySettingsSchema } from '../anomaly/settings.js';
import { intVar, jsonVar, parseEnv } from './env.js';
import { sourceName, sourceNamesVar } from './sources.js';

/** The anomaly function's environment. */
export const anomalyEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  /** Comma-separated names of the sources to watch. */
  SOURCE_NAMES: sourceNamesVar,
  /** Minutes between collector runs (the longest, when sources differ). */
  COLLECTION_INTERVAL_MINUTES: intVar(5, 1, 1440),
  /** Collection is stalled when settled history lags by more than this many intervals. */
  STALL_INTERVALS: intVar(3, 1, 1000),
  /** The collector's settling window: settled history normally lags by this much. */
  SETTLING_MINUTES: intVar(15, 0, 1440),
  /** JSON object: detector settings by source name; a source not named gets the defaults. */
  ANOMALY_SETTINGS: jsonVar(z.record(sourceName, anomalySettingsSchema)).default({}),
});

export type AnomalyEnv = z.output<typeof anomalyEnvSchema>;

/** Reads and validates the anomaly function's environment. */
export function anomalyEnv(env: Readonly<Record<string, string | undefined>>): AnomalyEnv {
  return parseEnv(anomalyEnvSchema, env);
}
