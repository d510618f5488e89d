import { QualysConnectionError } from './errors.js';

/** A whole HTTP answer, body read as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** The fetch function the Qualys client calls; `globalThis.fetch` in production. */
export type Fetch = typeof globalThis.fetch;

/**
 * Sends one request and reads the whole answer within `timeoutMs` (the body included, since a
 * stalled body is as much a timeout as a stalled status line). A network failure or timeout
 * becomes a QualysConnectionError naming `what` and the URL, the original error as `cause`.
 */
export async function send(
  fetch: Fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  what: string,
): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const timedOut = signal.aborted;
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : networkReason(error);
    throw new QualysConnectionError(
      `${what} to ${url} failed: ${reason}; check the URL and the network path to Qualys`,
      timedOut,
      { cause: error },
    );
  }
}

/** The system error code (ECONNREFUSED, ENOTFOUND...) under fetch's generic "fetch failed". */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    return `network error ${String(cause.code)}`;
  }
  return error instanceof Error ? `network error (${error.name})` : 'network error';
}
