/** Errors of the anomaly detector: one class per problem, each naming the value and the fix. */

/** Anomaly settings that fail their schema. */
export class AnomalySettingsError extends Error {
  override readonly name = 'AnomalySettingsError';
}

/** A window that cannot be judged: out of time order, or with a count that is not a number. */
export class InvalidWindowError extends Error {
  override readonly name = 'InvalidWindowError';
}
