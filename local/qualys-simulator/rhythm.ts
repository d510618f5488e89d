/**
 * The weekly rhythm of endpoint activity: quiet nights, busy working hours with a lunch dip,
 * quieter weekends. A table of one multiplier per minute of the week (mean 1), built once, so
 * the level of any minute is one lookup.
 */

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** 1970-01-01 was a Thursday; with Monday as day 0 that is day 3. */
const EPOCH_WEEKDAY = 3;

function smoothstep(from: number, to: number, x: number): number {
  const t = Math.min(Math.max((x - from) / (to - from), 0), 1);
  return t * t * (3 - 2 * t);
}

/** Relative activity at `hour` (fractional, local time) of `weekday` (Monday = 0). */
function activity(weekday: number, hour: number): number {
  const working = smoothstep(7, 9.5, hour) * (1 - smoothstep(17, 20, hour));
  const lunchDip = 0.15 * Math.exp(-((hour - 12.75) ** 2) / (2 * 0.4 ** 2));
  // Laptops go home in the evening but servers keep logging: the night floor is never zero.
  const night = 0.2;
  const amplitude = weekday >= 5 ? 0.35 : 1.6;
  return night + amplitude * working * (1 - lunchDip);
}

function buildWeek(): Float64Array {
  const week = new Float64Array(MINUTES_PER_WEEK);
  let sum = 0;
  for (let minute = 0; minute < MINUTES_PER_WEEK; minute += 1) {
    const weekday = Math.floor(minute / MINUTES_PER_DAY);
    const hour = (minute % MINUTES_PER_DAY) / 60;
    week[minute] = activity(weekday, hour);
    sum += week[minute] ?? 0;
  }
  const mean = sum / MINUTES_PER_WEEK;
  return week.map((level) => level / mean);
}

const WEEK = buildWeek();

/**
 * Activity multiplier (weekly mean 1) of the minute with index `localMinute` (minutes since the
 * epoch, already shifted to local time).
 */
export function rhythmAt(localMinute: number): number {
  const minuteOfWeek = (localMinute + EPOCH_WEEKDAY * MINUTES_PER_DAY) % MINUTES_PER_WEEK;
  return WEEK[(minuteOfWeek + MINUTES_PER_WEEK) % MINUTES_PER_WEEK] ?? 1;
}
