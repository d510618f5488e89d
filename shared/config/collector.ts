import { z } from 'zod';
import { intVar, jsonVar, parseEnv } from './env.js';
import { sourcesSchema } from './sources.js';

/** The collector's environment. Defaults are documented in the README's configuration table. */
export const collectorEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  /** JSON array of `{ name, qualysBaseUrl, secretId }`. */
  SOURCES: jsonVar(sourcesSchema),
  /** Minutes re-read on every run because events reach Qualys late. */
  SETTLING_MINUTES: intVar(15, 0, 1440),
  /** Minutes asked of Qualys per call (one bucket per minute). */
  CHUNK_MINUTES: intVar(120, 1, 10_080),
  /** Most minutes one run fetches; a long outage is caught up over several runs. */
  MAX_MINUTES_PER_RUN: intVar(10_080, 1, 525_600),
  /** How far back a restatement pass re-reads (hours), for events that arrive very late. */
  RESTATEMENT_HOURS: intVar(24, 0, 720),
  /** How often a restatement pass runs (minutes); 0 turns restatement off. */
  RESTATEMENT_EVERY_MINUTES: intVar(360, 0, 10_080),
  /** Where history starts on a source's first run; default one day before that run. */
  HISTORY_START: z.iso.datetime({ offset: true }).optional(),
  /** Lease length (seconds); longer than the function timeout so runs never overlap. */
  LEASE_SECONDS: intVar(960, 60, 3600),
  /** Attempts per Qualys call, including the first. */
  QUALYS_MAX_ATTEMPTS: intVar(6, 1, 20),
  /** Timeout of one Qualys call (ms). */
  QUALYS_TIMEOUT_MS: intVar(30_000, 1000, 300_000),
});

export type CollectorEnv = z.output<typeof collectorEnvSchema>;

/** Reads and validates the collector's environment; throws ConfigError naming bad variables. */
export function collectorEnv(env: Readonly<Record<string, string | undefined>>): CollectorEnv {
  return parseEnv(collectorEnvSchema, env);
}
