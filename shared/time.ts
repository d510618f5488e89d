/** Time helpers shared by the collector, the API and the local stack. */

/** One minute, the resolution of stored history, in seconds. */
export const MINUTE_SECONDS = 60;

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;

/** Start of the minute that holds `epochSeconds`. */
export function minuteFloor(epochSeconds: number): number {
  return Math.floor(epochSeconds / MINUTE_SECONDS) * MINUTE_SECONDS;
}

/** Start of the first minute at or after `epochSeconds`. */
export function minuteCeil(epochSeconds: number): number {
  return Math.ceil(epochSeconds / MINUTE_SECONDS) * MINUTE_SECONDS;
}

/** ISO-8601 with milliseconds and `Z`, the form Qualys uses in bucket keys. */
export function isoMs(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** ISO-8601 of an epoch-seconds instant. */
export function isoSeconds(epochSeconds: number): string {
  return isoMs(epochSeconds * 1000);
}

/** A source of the current time, injected so that tests control it. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/** Current time of `clock` in whole epoch seconds. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock().getTime() / 1000);
}
