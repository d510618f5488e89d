/**
 * The logging the domain needs. Powertools' Logger satisfies it in Lambda and locally; tests
 * pass a recorder. Messages are short sentences; details go in the attributes object.
 */
export interface Log {
  debug(message: string, ...attributes: Record<string, unknown>[]): void;
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

/** A log that drops everything, for callers that do not care. */
export const silentLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
