import { z } from 'zod';
import { intVar, parseEnv } from './env.js';
import { sourceName, sourceNamesVar } from './sources.js';

/** The API function's environment. */
export const apiEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Comma-separated names of the sources the API answers for. */
  SOURCE_NAMES: sourceNamesVar,
  /** Source answered when a request names none; the first of SOURCE_NAMES by default. */
  DEFAULT_SOURCE: sourceName.optional(),
  /** Same as the collector's: answers touching unsettled minutes may still change. */
  SETTLING_MINUTES: intVar(15, 0, 1440),
  /** Cache lifetime (seconds) of answers that may still change: one collection interval. */
  FRESH_MAX_AGE_SECONDS: intVar(300, 0, 3600),
  /** Cache lifetime (seconds) of answers over settled history. */
  SETTLED_MAX_AGE_SECONDS: intVar(3600, 0, 86_400),
});

export type ApiEnv = z.output<typeof apiEnvSchema>;

/** Reads and validates the API function's environment. */
export function apiEnv(env: Readonly<Record<string, string | undefined>>): ApiEnv {
  return parseEnv(apiEnvSchema, env);
}
