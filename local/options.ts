import { InvalidArgumentError } from 'commander';

const RELATIVE = /^(\d+)([mhd])$/;
const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/**
 * Reads `--history-start`: an ISO-8601 date or instant (`2025-11-26`, `2025-11-26T05:00:00Z`),
 * or a span back from now (`90m`, `12h`, `30d`). Returns epoch seconds.
 */
export function parseHistoryStart(text: string, nowSeconds: number): number {
  const relative = RELATIVE.exec(text);
  if (relative !== null) {
    return nowSeconds - Number(relative[1]) * (UNIT_SECONDS[relative[2] ?? 'd'] ?? 86_400);
  }
  const epochMs = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw new InvalidArgumentError('use a date such as 2025-11-26, or a span such as 2d or 12h');
  }
  const seconds = Math.floor(epochMs / 1000);
  if (seconds >= nowSeconds) throw new InvalidArgumentError('history must start in the past');
  return seconds;
}

/** Reads a whole number option within bounds. */
export function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`use a whole number from ${min} to ${max}`);
    }
    return value;
  };
}
