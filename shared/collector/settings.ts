import type { CollectorEnv } from '../config/collector.js';

/** How the collector reads a source. Instants and spans in seconds. */
export interface CollectorSettings {
  /** Re-read on every run because events reach Qualys late. @default 900 */
  settlingSeconds: number;
  /** Minutes asked of Qualys per call, one bucket per minute. @default 120 */
  chunkMinutes: number;
  /** Most minutes one run fetches; a long outage is caught up over several runs. @default 10080 */
  maxMinutesPerRun: number;
  /** How far back a restatement pass re-reads; 0 turns it off. @default 86400 */
  restatementSeconds: number;
  /** How often a restatement pass runs; 0 turns it off. @default 21600 */
  restatementEverySeconds: number;
  /** Where history starts on a source's first run; one day before that run when unset. */
  historyStart?: number;
  /** Lease length; longer than a run can last so runs never overlap. @default 960 */
  leaseSeconds: number;
}

/** The collector settings of a validated environment. */
export function collectorSettings(env: CollectorEnv): CollectorSettings {
  return {
    settlingSeconds: env.SETTLING_MINUTES * 60,
    chunkMinutes: env.CHUNK_MINUTES,
    maxMinutesPerRun: env.MAX_MINUTES_PER_RUN,
    restatementSeconds: env.RESTATEMENT_HOURS * 3600,
    restatementEverySeconds: env.RESTATEMENT_EVERY_MINUTES * 60,
    ...(env.HISTORY_START === undefined
      ? {}
      : { historyStart: Math.floor(Date.parse(env.HISTORY_START) / 1000) }),
    leaseSeconds: env.LEASE_SECONDS,
  };
}
