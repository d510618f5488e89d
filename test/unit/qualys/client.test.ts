import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQualysClient, type QualysClientOptions } from '#shared/qualys/client.js';
import {
  QualysAuthError,
  QualysConnectionError,
  QualysHttpError,
  QualysResponseError,
  QualysUnavailableError,
} from '#shared/qualys/errors.js';
import { createTokenProvider } from '#shared/qualys/token-provider.js';
import { isoSeconds } from '#shared/time.js';
import { FROM, fakeTime, minuteAnswer, minuteBody } from './support/fakes.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const TIME_BUCKETS = '/ioc/v1/events/count/time-buckets';
const TO = FROM + 3 * 60;
const OK = { status: 200, body: minuteBody(FROM, [4, 0, 7]) };
const EXPECTED = [
  { minute: FROM, count: 4 },
  { minute: FROM + 60, count: 0 },
  { minute: FROM + 120, count: 7 },
];

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A client over the scripted server with a ready token, fake time and mid-range jitter. */
function setup(overrides: Partial<QualysClientOptions> = {}) {
  const time = fakeTime();
  const tokens = createTokenProvider({
    credentials: async () => ({ token: 'ready-token' }),
    clock: time.clock,
  });
  const client = createQualysClient({
    baseUrl: server.url,
    tokens,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    // Long enough for a loaded CI machine; tests of timeouts shorten it.
    timeoutMs: 2000,
    ...overrides,
  });
  return { client, time };
}

describe('Qualys client: asking and answering', () => {
  it('asks one bucket per minute with the bearer token and returns the minutes', async () => {
    // arrange
    server.script(TIME_BUCKETS, OK);
    const { client } = setup();

    // act
    const minutes = await client.fetchMinuteCounts(FROM, TO);

    // assert
    expect(minutes).toEqual(EXPECTED);
    const [request] = server.requestsTo(TIME_BUCKETS);
    expect(request?.method).toBe('GET');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      fromDate: String(FROM),
      toDate: String(TO),
      bucketCount: '3',
    });
    expect(request?.headers.authorization).toBe('Bearer ready-token');
    expect(request?.headers.accept).toBe('application/json');
  });

  it('refuses a range whose ends are not whole minutes, without calling Qualys', async () => {
    const { client } = setup();

    await expect(client.fetchMinuteCounts(FROM + 1, TO)).rejects.toThrow(RangeError);
    await expect(client.fetchMinuteCounts(TO, FROM)).rejects.toThrow(/start before the end/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('Qualys client: validating answers', () => {
  const good = minuteAnswer(FROM, [4, 0, 7]);
  const [first = '', second = '', third = ''] = Object.keys(good);
  const twoMinutes = `${first.split('_')[0]}_${second.split('_')[1]}`;
  const offMinute = `${isoSeconds(FROM + 61)}_${isoSeconds(FROM + 121)}`;

  it.each([
    ['a body that is not JSON', '<html>busy</html>', /not JSON/],
    ['a JSON array', '[4, 0, 7]', /an array/],
    ['JSON null', 'null', /null/],
    ['a count that is a string', JSON.stringify({ ...good, [second]: '0' }), /"0"/],
    ['a negative count', JSON.stringify({ ...good, [second]: -1 }), /-1/],
    ['a fractional count', JSON.stringify({ ...good, [second]: 1.5 }), /1\.5/],
    ['a missing minute', JSON.stringify({ [first]: 4, [third]: 7 }), /1 of 3 minutes are missing/],
    ['a key not in Qualys form', JSON.stringify({ ...good, '2025-11-26': 1 }), /not a Qualys/],
    ['a two-minute bucket', JSON.stringify({ [twoMinutes]: 4, [third]: 7 }), /one whole minute/],
    ['a bucket off the minute', JSON.stringify({ ...good, [offMinute]: 1 }), /one whole minute/],
  ])('rejects %s with a QualysResponseError that says so', async (_case, body, problem) => {
    // arrange
    server.script(TIME_BUCKETS, { status: 200, body });
    const { client, time } = setup();

    // act
    const failure = await client.fetchMinuteCounts(FROM, TO).catch((error: unknown) => error);

    // assert
    expect(failure).toBeInstanceOf(QualysResponseError);
    expect((failure as Error).message).toMatch(problem);
    expect(time.waits).toEqual([]);
  });

  it('ignores keys outside the range, such as a bucketCount + 1st key', async () => {
    const body = JSON.stringify(minuteAnswer(FROM - 60, [9, 4, 0, 7, 5]));
    server.script(TIME_BUCKETS, { status: 200, body });
    const { client } = setup();

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
  });
});

describe('Qualys client: retries', () => {
  it('retries a 429 after the wait X-RateLimit-ToWait-Sec asks for, then completes', async () => {
    // arrange
    server.script(TIME_BUCKETS, { status: 429, headers: { 'X-RateLimit-ToWait-Sec': '3' } }, OK);
    const { client, time } = setup();

    // act
    const minutes = await client.fetchMinuteCounts(FROM, TO);

    // assert
    expect(minutes).toEqual(EXPECTED);
    expect(time.waits).toEqual([3000]);
    expect(server.requestsTo(TIME_BUCKETS)).toHaveLength(2);
  });

  it('retries a 409 after the wait stated only in its body', async () => {
    const body = 'This API cannot be run again for another 17 seconds.';
    server.script(TIME_BUCKETS, { status: 409, body }, OK);
    const { client, time } = setup();

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
    expect(time.waits).toEqual([17_000]);
  });

  it('honours Retry-After on a 503', async () => {
    server.script(TIME_BUCKETS, { status: 503, headers: { 'Retry-After': '8' } }, OK);
    const { client, time } = setup();

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
    expect(time.waits).toEqual([8000]);
  });

  it('backs off exponentially with full jitter on 5xx without a stated wait', async () => {
    // arrange: jitter draws 0.5, so the waits are half of 1 s, 2 s, 4 s
    server.script(TIME_BUCKETS, { status: 500 }, { status: 502 }, { status: 504 }, OK);
    const { client, time } = setup();

    // act
    const minutes = await client.fetchMinuteCounts(FROM, TO);

    // assert
    expect(minutes).toEqual(EXPECTED);
    expect(time.waits).toEqual([500, 1000, 2000]);
  });

  it('retries a call that gets no answer within the timeout', async () => {
    server.script(TIME_BUCKETS, { hang: true }, OK);
    const { client, time } = setup({ timeoutMs: 300 });

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
    expect(time.waits).toEqual([500]);
  });

  it('retries an answer whose body stalls half-way', async () => {
    server.script(TIME_BUCKETS, { ...OK, stallBody: true }, OK);
    const { client, time } = setup({ timeoutMs: 300 });

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
    expect(time.waits).toHaveLength(1);
  });

  it('gives up with QualysUnavailableError after the last attempt, cause attached', async () => {
    server.script(TIME_BUCKETS, { hang: true });
    const { client } = setup({ retry: { maxAttempts: 2 }, timeoutMs: 300 });

    const failure = await client.fetchMinuteCounts(FROM, TO).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QualysUnavailableError);
    const cause = (failure as Error).cause;
    expect(cause).toBeInstanceOf(QualysConnectionError);
    expect((cause as QualysConnectionError).timedOut).toBe(true);
    expect(server.requestsTo(TIME_BUCKETS)).toHaveLength(2);
  });

  it('gives up at once when the wait Qualys asks for would end after the deadline', async () => {
    // arrange: a 10 s budget and a 30 s wait
    server.script(TIME_BUCKETS, { status: 429, headers: { 'X-RateLimit-ToWait-Sec': '30' } });
    const { client, time } = setup({ retry: { budgetMs: 10_000 } });

    // act
    const failure = await client.fetchMinuteCounts(FROM, TO).catch((error: unknown) => error);

    // assert
    expect(failure).toBeInstanceOf(QualysUnavailableError);
    expect((failure as Error).message).toMatch(
      /next wait of 30000 ms would end after the deadline/,
    );
    expect((failure as Error).cause).toBeInstanceOf(QualysHttpError);
    expect(time.waits).toEqual([]);
  });

  it('stops within the deadline the caller gives, before the budget runs out', async () => {
    server.script(TIME_BUCKETS, { status: 500 });
    const start = fakeTime().clock().getTime();
    const { client, time } = setup({ deadlineMs: () => start + 2_000 });

    await expect(client.fetchMinuteCounts(FROM, TO)).rejects.toThrow(QualysUnavailableError);
    expect(time.waits).toEqual([500, 1000]);
  });

  it('retries a refused connection and reports it as the cause', async () => {
    const closed = await startScriptedServer();
    await closed.close();
    const { client } = setup({ baseUrl: closed.url, retry: { maxAttempts: 3 } });

    const failure = await client.fetchMinuteCounts(FROM, TO).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QualysUnavailableError);
    expect(String((failure as Error).cause)).toMatch(/ECONNREFUSED/);
  });

  it.each([400, 404])('does not retry a %i and says what Qualys answered', async (status) => {
    server.script(TIME_BUCKETS, { status, body: 'bucketCount too large' });
    const { client, time } = setup();

    const failure = await client.fetchMinuteCounts(FROM, TO).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QualysHttpError);
    expect((failure as Error).message).toContain(`answered ${status}`);
    expect((failure as Error).message).toContain('bucketCount too large');
    expect(time.waits).toEqual([]);
  });

  it('warns on every retry with the status, the attempt and the wait', async () => {
    server.script(TIME_BUCKETS, { status: 429, headers: { 'X-RateLimit-ToWait-Sec': '3' } }, OK);
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const warn = vi.spyOn(logger, 'warn');
    const { client } = setup({ logger });

    await client.fetchMinuteCounts(FROM, TO);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      'Qualys call failed; retrying',
      expect.objectContaining({ status: 429, attempt: 1, waitMs: 3000 }),
    );
  });
});

describe('Qualys client: tokens', () => {
  const AUTH = '/auth';

  /** A client whose token provider logs in at the scripted server's /auth. */
  function withLogin() {
    const time = fakeTime();
    const credentials = vi.fn(async () => ({
      username: 'collector',
      password: 'secret',
      gatewayUrl: server.url,
    }));
    const tokens = createTokenProvider({ credentials, fetch, clock: time.clock });
    const client = createQualysClient({
      baseUrl: server.url,
      tokens,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
    });
    return { client, time, credentials };
  }

  it('renews an expired token exactly once on a 401, then completes', async () => {
    // arrange: Qualys has dropped the cached token before its expected end
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    server.script(TIME_BUCKETS, OK, { status: 401 }, OK);
    const { client } = withLogin();
    await client.fetchMinuteCounts(FROM, TO);

    // act
    const minutes = await client.fetchMinuteCounts(FROM, TO);

    // assert
    expect(minutes).toEqual(EXPECTED);
    expect(server.requestsTo(AUTH)).toHaveLength(2);
    const authorizations = server.requestsTo(TIME_BUCKETS).map((r) => r.headers.authorization);
    expect(authorizations).toEqual(['Bearer jwt-1', 'Bearer jwt-1', 'Bearer jwt-2']);
  });

  it('fails with QualysAuthError when the renewed token gets a 401 too', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    server.script(TIME_BUCKETS, { status: 401 });
    const { client, time } = withLogin();

    await expect(client.fetchMinuteCounts(FROM, TO)).rejects.toThrow(QualysAuthError);
    expect(server.requestsTo(AUTH)).toHaveLength(2);
    expect(server.requestsTo(TIME_BUCKETS)).toHaveLength(2);
    expect(time.waits).toEqual([]);
  });

  it('renews only once per call even when a rate limit sits between two 401s', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    server.script(
      TIME_BUCKETS,
      { status: 401 },
      { status: 429, headers: { 'X-RateLimit-ToWait-Sec': '1' } },
      { status: 401 },
    );
    const { client } = withLogin();

    await expect(client.fetchMinuteCounts(FROM, TO)).rejects.toThrow(QualysAuthError);
    expect(server.requestsTo(AUTH)).toHaveLength(2);
  });

  it('fails with QualysAuthError on a 403 without retrying', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' });
    server.script(TIME_BUCKETS, { status: 403 });
    const { client } = withLogin();

    await expect(client.fetchMinuteCounts(FROM, TO)).rejects.toThrow(/403/);
    expect(server.requestsTo(TIME_BUCKETS)).toHaveLength(1);
  });

  it('retries when the token request itself meets a server error', async () => {
    server.script(AUTH, { status: 503 }, { status: 201, body: 'jwt-1' });
    server.script(TIME_BUCKETS, OK);
    const { client, time } = withLogin();

    await expect(client.fetchMinuteCounts(FROM, TO)).resolves.toEqual(EXPECTED);
    expect(time.waits).toEqual([500]);
  });
});
