import { describe, expect, it, vi } from 'vitest';
import { QualysUnavailableError } from '#shared/qualys/errors.js';
import {
  backoffMs,
  defaultRetryPolicy,
  type RetryDecision,
  type RetryPolicy,
  withRetries,
} from '#shared/qualys/retry.js';
import { statedWaitMs } from '#shared/qualys/stated-wait.js';
import { fakeTime } from './support/fakes.js';

const NOW = Date.UTC(2025, 10, 26, 6, 0, 0);

describe('the wait Qualys states', () => {
  it.each([
    ['X-RateLimit-ToWait-Sec', { 'X-RateLimit-ToWait-Sec': '3' }, '', 3000],
    ['Retry-After in seconds', { 'Retry-After': '12' }, '', 12_000],
    ['Retry-After as a date', { 'Retry-After': new Date(NOW + 5000).toUTCString() }, '', 5000],
    ['a 409 body', {}, 'API cannot be run again for another 45 seconds', 45_000],
    ['the longest of several', { 'Retry-After': '2', 'X-RateLimit-ToWait-Sec': '7' }, '', 7000],
    ['nothing', { 'X-RateLimit-Remaining': '0' }, 'try later', undefined],
    ['a header that is not a number', { 'X-RateLimit-ToWait-Sec': 'soon' }, '', undefined],
  ])('reads %s', (_case, headers, body, expected) => {
    expect(statedWaitMs(new Headers(headers), body, NOW)).toBe(expected);
  });
});

describe('backoff', () => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 5000 };

  it('draws uniformly below a ceiling that doubles with each attempt (full jitter)', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, policy, () => 0.999))).toEqual([
      999, 1998, 3996,
    ]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it('never exceeds the largest backoff', () => {
    expect(backoffMs(10, policy, () => 0.999)).toBe(4995);
  });
});

describe('withRetries', () => {
  class Busy extends Error {
    constructor(readonly waitMs: number) {
      super('busy');
    }
  }
  const retryable = (waitMs: number) => new Busy(waitMs);
  const classify = (error: unknown): RetryDecision =>
    error instanceof Busy ? { waitMs: error.waitMs } : undefined;

  it('rethrows an error it must not retry, as is and without waiting', async () => {
    const time = fakeTime(NOW);
    const fatal = new Error('bad request');

    const failure = withRetries(() => Promise.reject(fatal), defaultRetryPolicy, {
      ...time,
      random: () => 0.5,
      classify,
    });

    await expect(failure).rejects.toBe(fatal);
    expect(time.waits).toEqual([]);
  });

  it('never starts a wait that would end at or after the deadline', async () => {
    // arrange: waits of 4 s against a 10 s budget: two fit (ending at 4 s and 8 s), a third not
    const time = fakeTime(NOW);
    const operation = vi.fn(() => Promise.reject(retryable(4000)));

    // act
    const failure = await withRetries(
      operation,
      { ...defaultRetryPolicy, budgetMs: 10_000 },
      { ...time, random: () => 0.5, classify },
    ).catch((error: unknown) => error);

    // assert
    expect(failure).toBeInstanceOf(QualysUnavailableError);
    expect((failure as Error).cause).toMatchObject({ message: 'busy' });
    expect(time.waits).toEqual([4000, 4000]);
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('gives each attempt its number and the deadline its calls should end by', async () => {
    const time = fakeTime(NOW);
    const seen: unknown[] = [];

    await withRetries(
      async (attempt) => {
        seen.push(attempt);
        if (attempt.number === 1) throw retryable(1000);
        return 'done';
      },
      { ...defaultRetryPolicy, budgetMs: 60_000 },
      { ...time, random: () => 0.5, classify, deadlineMs: NOW + 30_000 },
    );

    expect(seen).toEqual([
      { number: 1, deadlineMs: NOW + 30_000 },
      { number: 2, deadlineMs: NOW + 30_000 },
    ]);
  });

  it('gives up before the first attempt when the deadline has already passed', async () => {
    const time = fakeTime(NOW);
    const operation = vi.fn(async () => 'done');

    const failure = withRetries(operation, defaultRetryPolicy, {
      ...time,
      random: () => 0.5,
      classify,
      deadlineMs: NOW,
    });

    await expect(failure).rejects.toThrow(QualysUnavailableError);
    expect(operation).not.toHaveBeenCalled();
  });
});
