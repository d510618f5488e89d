import { type Clock, systemClock } from '#shared/time.js';
import type { Credentials } from './auth-route.js';

/** Options of `createQualysSimulator`. */
export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one (read it from `url`). @default 0 */
  port?: number;
  /** Host to listen on. @default '127.0.0.1' */
  host?: string;
  /** Source of "now": what has arrived, and token expiry, follow it. @default systemClock */
  clock?: Clock;
  /** Seed of every count; the same seed gives the same history. @default 1 */
  seed?: number;
  /** Credentials `/auth` accepts. @default { username: 'local', password: 'local' } */
  credentials?: Credentials;
  /** A bearer token always accepted, as a secret holding a ready token would carry. */
  staticToken?: string;
  /** Mean events per minute over a week. @default 100 */
  eventsPerMinute?: number;
  /** Local time of the simulated organisation, which sets its daily rhythm. @default 0 (UTC) */
  utcOffsetMinutes?: number;
  /** Seconds after a minute ends by which its on-time events have arrived. @default 600 */
  arrivalLagSeconds?: number;
  /** Mean share of events arriving after the lag; 0 turns very late events off. @default 0.02 */
  lateShare?: number;
  /** Seconds after a minute ends by which even late events have arrived. @default 7200 */
  lateMaxSeconds?: number;
  /** Lifetime of issued tokens, in seconds (Qualys: about 4 hours). @default 14400 */
  tokenLifetimeSeconds?: number;
  /**
   * Longest range one count call may count, in minutes: the simulator computes every minute
   * of it. Qualys's own limit is unknown. @default 576000 (400 days)
   */
  maxRangeMinutes?: number;
  /** Receives one line per request (method, path, status, time); never credentials. */
  log?: (line: string) => void;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<SimulatorOptions, 'staticToken' | 'log'>> &
  Pick<SimulatorOptions, 'staticToken' | 'log'>;

/** The options were out of range. */
export class SimulatorOptionsError extends Error {
  override readonly name = 'SimulatorOptionsError';
}

function check(ok: boolean, name: string, value: unknown, fix: string): void {
  if (!ok) throw new SimulatorOptionsError(`${name} is ${String(value)}; ${fix}`);
}

/** Fills in defaults and checks the options. @throws SimulatorOptionsError */
export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    clock: options.clock ?? systemClock,
    seed: options.seed ?? 1,
    credentials: options.credentials ?? { username: 'local', password: 'local' },
    staticToken: options.staticToken,
    eventsPerMinute: options.eventsPerMinute ?? 100,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    arrivalLagSeconds: options.arrivalLagSeconds ?? 600,
    lateShare: options.lateShare ?? 0.02,
    lateMaxSeconds: options.lateMaxSeconds ?? Math.max(7200, options.arrivalLagSeconds ?? 0),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 14_400,
    maxRangeMinutes: options.maxRangeMinutes ?? 576_000,
    log: options.log,
  };
  const { seed, eventsPerMinute, arrivalLagSeconds, lateShare, lateMaxSeconds } = resolved;
  check(Number.isSafeInteger(seed), 'seed', seed, 'use a whole number');
  check(eventsPerMinute >= 0, 'eventsPerMinute', eventsPerMinute, 'use 0 or more');
  check(arrivalLagSeconds >= 0, 'arrivalLagSeconds', arrivalLagSeconds, 'use 0 or more');
  check(lateShare >= 0 && lateShare <= 0.5, 'lateShare', lateShare, 'use a share from 0 to 0.5');
  check(
    lateMaxSeconds >= arrivalLagSeconds,
    'lateMaxSeconds',
    lateMaxSeconds,
    `use at least arrivalLagSeconds (${arrivalLagSeconds})`,
  );
  check(
    resolved.tokenLifetimeSeconds > 0,
    'tokenLifetimeSeconds',
    resolved.tokenLifetimeSeconds,
    'use more than 0',
  );
  check(
    resolved.maxRangeMinutes >= 1,
    'maxRangeMinutes',
    resolved.maxRangeMinutes,
    'use 1 or more',
  );
  return resolved;
}
