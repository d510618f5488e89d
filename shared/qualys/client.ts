import type { Logger } from '@aws-lambda-powertools/logger';
import { type Clock, MINUTE_SECONDS, systemClock } from '../time.js';
import {
  QualysAuthError,
  QualysConnectionError,
  QualysHttpError,
  redactedExcerpt,
} from './errors.js';
import { type Fetch, send } from './http.js';
import { parseMinuteCounts } from './minute-counts.js';
import {
  defaultRetryPolicy,
  type RetryDecision,
  type RetryPolicy,
  realSleep,
  type Sleep,
  withRetries,
} from './retry.js';
import { isRetryableStatus, statedWaitMs } from './stated-wait.js';
import type { QualysCounts, TokenProvider } from './types.js';

/** What the Qualys client needs; everything but `baseUrl` and `tokens` has a default. */
export interface QualysClientOptions {
  /** API base URL of the platform, e.g. https://gateway.qg1.apps.qualys.com. */
  baseUrl: string;
  tokens: TokenProvider;
  /** Path of the time-bucket endpoint. @default '/ioc/v1/events/count/time-buckets' */
  path?: string;
  /** @default globalThis.fetch */
  fetch?: Fetch;
  /** @default systemClock */
  clock?: Clock;
  /** @default a real timer */
  sleep?: Sleep;
  /** @default Math.random */
  random?: () => number;
  /** Overrides of the retry policy; see {@link defaultRetryPolicy}. */
  retry?: Partial<RetryPolicy>;
  /** Timeout of one HTTP call, answer body included. @default 30_000 */
  timeoutMs?: number;
  /** An instant (epoch ms) no retry wait may end after, e.g. the Lambda's end. Read per call. */
  deadlineMs?: () => number | undefined;
  /** Warned on every retry with the status, attempt and wait; never given a secret. */
  logger?: Logger;
}

/**
 * A QualysCounts over the time-bucket endpoint, asking one bucket per minute. It retries rate
 * limits, server errors and timeouts within the retry policy, renews the token once on a 401,
 * and validates every answer (see parseMinuteCounts) before returning a single count.
 */
export function createQualysClient(options: QualysClientOptions): QualysCounts {
  const fetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const path = options.path ?? '/ioc/v1/events/count/time-buckets';
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}${path}`;

  return {
    async fetchMinuteCounts(fromSeconds, toSeconds) {
      checkRange(fromSeconds, toSeconds);
      const query = new URLSearchParams({
        fromDate: String(fromSeconds),
        toDate: String(toSeconds),
        bucketCount: String((toSeconds - fromSeconds) / MINUTE_SECONDS),
      });
      const url = `${endpoint}?${query}`;

      const get = async (token: string, deadlineMs: number) => {
        const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
        const callTimeoutMs = Math.max(1, Math.min(timeoutMs, deadlineMs - clock().getTime()));
        return send(fetch, url, { headers }, callTimeoutMs, 'the Qualys time-bucket request');
      };
      let renewedAfter401 = false;

      const answer = await withRetries(
        async ({ deadlineMs }) => {
          let token = await options.tokens.token();
          let answer = await get(token, deadlineMs);
          if (answer.status === 401 && !renewedAfter401) {
            renewedAfter401 = true;
            options.tokens.invalidate(token);
            token = await options.tokens.token();
            answer = await get(token, deadlineMs);
          }
          if (answer.status !== 200) throw statusError(url, answer, token, clock);
          return { body: answer.body, token };
        },
        policy,
        {
          clock,
          sleep: options.sleep ?? realSleep,
          random: options.random ?? Math.random,
          classify,
          deadlineMs: options.deadlineMs?.(),
          onRetry: ({ attempt, waitMs, error }) => {
            options.logger?.warn('Qualys call failed; retrying', {
              status: error instanceof QualysHttpError ? error.status : undefined,
              reason: error instanceof Error ? error.message : 'unknown',
              timedOut: error instanceof QualysConnectionError ? error.timedOut : undefined,
              attempt,
              waitMs,
            });
          },
        },
      );
      return parseMinuteCounts(answer.body, fromSeconds, toSeconds, [answer.token]);
    },
  };
}

function classify(error: unknown): RetryDecision {
  if (error instanceof QualysConnectionError) return {};
  if (error instanceof QualysHttpError && isRetryableStatus(error.status)) {
    return error.waitMs === undefined ? {} : { waitMs: error.waitMs };
  }
  return undefined;
}

function statusError(
  url: string,
  answer: { status: number; headers: Headers; body: string },
  token: string,
  clock: Clock,
): Error {
  const excerpt = redactedExcerpt(answer.body, [token]);
  if (answer.status === 401) {
    return new QualysAuthError(
      `Qualys rejected a freshly obtained token for ${url} (401 twice); check the credential ` +
        `in the secret and that its user may use the EDR API: "${excerpt}"`,
    );
  }
  if (answer.status === 403) {
    return new QualysAuthError(
      `Qualys refused ${url} (403); give the credential's user access to the EDR API: "${excerpt}"`,
    );
  }
  return new QualysHttpError(
    `Qualys answered ${answer.status} to ${url}: "${excerpt}"`,
    answer.status,
    statedWaitMs(answer.headers, answer.body, clock().getTime()),
  );
}

function checkRange(fromSeconds: number, toSeconds: number): void {
  const onMinute = (value: number) => Number.isSafeInteger(value) && value % MINUTE_SECONDS === 0;
  if (!onMinute(fromSeconds) || !onMinute(toSeconds) || fromSeconds >= toSeconds) {
    throw new RangeError(
      `cannot ask Qualys for minutes of [${fromSeconds}, ${toSeconds}): both ends must be whole ` +
        'minutes in epoch seconds, the start before the end',
    );
  }
}
