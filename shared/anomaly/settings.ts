/** Per-source settings of the anomaly detector, validated once with one schema. */
import { z } from 'zod';
import { AnomalySettingsError } from './errors.js';
import { ANOMALY_KINDS } from './types.js';

/** The settings schema; unknown keys are rejected so that a typo fails loudly. */
export const anomalySettingsSchema = z
  .object({
    /**
     * How readily a window alerts, from 0 (never) to 1 (at the slightest deviation); a window
     * alerts when its score reaches 1 - sensitivity.
     * @default 0.5 (a deviation of about five times the usual noise)
     */
    sensitivity: z.number().gt(0).lt(1).default(0.5),
    /**
     * Windows whose expected count is below this are not judged for drops or silence: with few
     * events expected, a quiet window is not news.
     * @default 10 events per evaluation window
     */
    minExpectedCount: z.number().nonnegative().default(10),
    /**
     * Length of an evaluation window: the service sums minute history into windows this long.
     * @default 15
     */
    windowMinutes: z.number().int().positive().max(1440).default(15),
    /**
     * How long a source must look normal before an open anomaly is resolved; until then new
     * anomalous windows extend it, so one incident gives one notification, not a flurry.
     * @default 60
     */
    cooldownMinutes: z.number().nonnegative().default(60),
    /**
     * The kinds that may alert.
     * @default all of them
     */
    kinds: z
      .array(z.enum(ANOMALY_KINDS))
      .default([...ANOMALY_KINDS])
      .transform((kinds) => [...new Set(kinds)]),
  })
  .strict();

/** Settings as given (every key optional). */
export type AnomalySettingsInput = z.input<typeof anomalySettingsSchema>;

/** Settings with every default applied. */
export type AnomalySettings = z.output<typeof anomalySettingsSchema>;

/** The settings used when a source sets none. */
export const DEFAULT_SETTINGS: AnomalySettings = anomalySettingsSchema.parse({});

/** The score at which a window alerts, for the given settings. */
export function alertThreshold(settings: AnomalySettings): number {
  return 1 - settings.sensitivity;
}

/**
 * Validates settings (every key optional) and applies the defaults.
 * @throws AnomalySettingsError naming each bad key and what it accepts
 * @example parseAnomalySettings({ sensitivity: 0.6, kinds: ['drop', 'silence'] })
 */
export function parseAnomalySettings(input: unknown): AnomalySettings {
  const result = anomalySettingsSchema.safeParse(input ?? {});
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(settings)';
    return `${key}: ${issue.message}`;
  });
  throw new AnomalySettingsError(
    `invalid anomaly settings: ${problems.join('; ')}; see shared/anomaly/settings.ts for each key`,
    { cause: result.error },
  );
}
