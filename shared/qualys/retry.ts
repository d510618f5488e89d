/**
 * The retry policy of Qualys calls: exponential backoff with full jitter, unless Qualys states
 * the wait itself, within a deadline. Written here rather than taken from p-retry because the
 * wait is dictated by Qualys (headers, and for some 409s only the body text) and must be
 * checked against the deadline before it starts, which p-retry's fixed schedule does not do.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Clock } from '../time.js';
import { QualysUnavailableError } from './errors.js';

/** How persistent a Qualys call is. */
export interface RetryPolicy {
  /** Attempts per call, the first included. @default 6 */
  maxAttempts: number;
  /** Ceiling of the first backoff; it doubles with every retry. @default 1000 */
  baseDelayMs: number;
  /**
   * Most a computed backoff can be; a wait Qualys asks for is honoured even when longer.
   * @default 30_000
   */
  maxDelayMs: number;
  /**
   * Total time of one call, retries included; no wait starts that would end after it.
   * @default 120_000
   */
  budgetMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
};

/** Waits `ms` milliseconds; injected so tests run instantly. */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) => sleepFor(ms);

/** How to retry a failure: `waitMs` when the answer stated a wait; undefined means do not retry. */
export type RetryDecision = { waitMs?: number } | undefined;

/** Everything the retry loop is given besides the policy. */
export interface RetryDeps {
  clock: Clock;
  sleep: Sleep;
  /** A number in [0, 1), for jitter. */
  random: () => number;
  /** Tells whether (and after how long) a failure may be retried. */
  classify: (error: unknown) => RetryDecision;
  /** An instant (epoch ms) after which no wait may end, besides the policy's budget. */
  deadlineMs?: number;
  /** Called before each wait, e.g. to log it. */
  onRetry?: (retry: { attempt: number; waitMs: number; error: unknown }) => void;
}

/** One attempt: its number (from 1) and the deadline (epoch ms) its calls should end by. */
export interface Attempt {
  number: number;
  deadlineMs: number;
}

/**
 * Runs `operation` until it succeeds, fails with an error `classify` will not retry (rethrown
 * as is), or the policy runs out; then a QualysUnavailableError with the last error as `cause`.
 */
export async function withRetries<T>(
  operation: (attempt: Attempt) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  const startMs = deps.clock().getTime();
  const deadlineMs = Math.min(
    startMs + policy.budgetMs,
    deps.deadlineMs ?? Number.POSITIVE_INFINITY,
  );
  let lastError: unknown;

  for (let number = 1; ; number += 1) {
    if (deps.clock().getTime() >= deadlineMs) {
      throw giveUp(`no time was left before the deadline after ${number - 1} attempts`, lastError);
    }
    try {
      return await operation({ number, deadlineMs });
    } catch (error) {
      const decision = deps.classify(error);
      if (decision === undefined) throw error;
      lastError = error;
      if (number >= policy.maxAttempts) throw giveUp(`all ${number} attempts failed`, error);

      const waitMs = decision.waitMs ?? backoffMs(number, policy, deps.random);
      const nowMs = deps.clock().getTime();
      if (nowMs + waitMs >= deadlineMs) {
        const reason =
          `attempt ${number} failed after ${nowMs - startMs} ms and the next wait of ` +
          `${waitMs} ms would end after the deadline ` +
          `(${deadlineMs - startMs} ms after the first attempt)`;
        throw giveUp(reason, error);
      }
      deps.onRetry?.({ attempt: number, waitMs, error });
      await deps.sleep(waitMs);
    }
  }
}

/** Full jitter: uniform in [0, min(max, base * 2^(attempt - 1))). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

function giveUp(reason: string, lastError: unknown): QualysUnavailableError {
  const last = lastError instanceof Error ? lastError.message : 'none';
  return new QualysUnavailableError(
    `Qualys is unavailable: ${reason}; last error: ${last}. Try again later, or raise the ` +
      'retry budget if Qualys asks for longer waits than it allows',
    { cause: lastError },
  );
}
