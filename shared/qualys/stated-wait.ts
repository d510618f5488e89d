/**
 * The wait Qualys asks for before the next call. Gateway APIs send `X-RateLimit-ToWait-Sec` on
 * a 429; some answers carry a standard `Retry-After` (seconds or an HTTP date); some classic 409
 * answers state the wait only in their text ("cannot be run again for another N seconds").
 */

const BODY_WAIT = /cannot be run again for another\s+(\d+)\s+seconds?/i;

/** Statuses worth another attempt: rate limits (429 gateway, 409 classic) and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 409 || (status >= 500 && status <= 599);
}

/**
 * The longest wait stated by the answer, in milliseconds, or undefined when it states none.
 * `nowMs` turns a `Retry-After` date into a wait.
 */
export function statedWaitMs(headers: Headers, body: string, nowMs: number): number | undefined {
  const waits = [
    secondsToMs(headers.get('x-ratelimit-towait-sec')),
    retryAfterMs(headers.get('retry-after'), nowMs),
    secondsToMs(BODY_WAIT.exec(body)?.[1] ?? null),
  ].filter((wait): wait is number => wait !== undefined);
  return waits.length === 0 ? undefined : Math.max(...waits);
}

function secondsToMs(text: string | null): number | undefined {
  if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Math.round(Number(text) * 1000);
}

function retryAfterMs(text: string | null, nowMs: number): number | undefined {
  if (text === null) return undefined;
  const seconds = secondsToMs(text);
  if (seconds !== undefined) return seconds;

  const dateMs = Date.parse(text);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}
