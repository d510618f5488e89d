import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore } from '#shared/history/store.js';
import { apiOver } from '#test/support/api.js';
import { seedHistory } from '#test/support/seed-history.js';
import { SEED_KEYS, SEED_QUERY } from '#test/support/seed-sample.js';
import { createTestTable } from '#test/support/table.js';

const DAY = Date.UTC(2025, 10, 26) / 1000;

/** Counts the minute items the API reads, to prove the read path stays small. */
function countingReads(store: HistoryStore): { store: HistoryStore; itemsRead: () => number } {
  let read = 0;
  const counting: HistoryStore = Object.create(store);
  counting.readMinutes = async (source, minutes) => {
    read += minutes.length;
    return store.readMinutes(source, minutes);
  };
  counting.readState = async (source) => {
    read += 1;
    return store.readState(source);
  };
  return { store: counting, itemsRead: () => read };
}

describe('the time-bucket API over stored history', () => {
  let store: HistoryStore;

  beforeAll(async () => {
    ({ store } = await createTestTable());
    // Two days of 139 events a minute; settled until the last 15 minutes.
    await seedHistory(store, 'acme', DAY, new Array(2880).fill(139), DAY + 2880 * 60 - 900);
  });

  it('answers the seed request with the seed keys, covered and cacheable', async () => {
    const call = apiOver(store);

    const response = await call(SEED_QUERY);

    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(Object.keys(body)).toEqual(SEED_KEYS);
    expect(Object.values(body)).toEqual([739, 5004, 5004, 5004, 5004]);
    expect(response.headers).toMatchObject({
      'X-Coverage': '2025-11-26T05:18:41.000Z/2025-11-26T07:48:00.000Z',
      'X-Coverage-Complete': 'true',
      'Cache-Control': 'public, max-age=3600',
    });
  });

  it('answers the non-versioned path the same way', async () => {
    const call = apiOver(store);

    const [versioned, plain] = await Promise.all([
      call(SEED_QUERY),
      call(SEED_QUERY, '/ioc/events/count/time-buckets'),
    ]);

    expect(plain.body).toBe(versioned.body);
  });

  it('rejects a millisecond fromDate with a 400 that names the unit', async () => {
    const response = await apiOver(store)('fromDate=1764134321000&toDate=1764145121');

    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body);
    expect(body.error).toBe('InvalidRequest');
    expect(body.problems[0]).toMatchObject({ parameter: 'fromDate', value: '1764134321000' });
    expect(body.problems[0].message).toMatch(/milliseconds/);
    expect(response.headers?.['Cache-Control']).toBe('no-store');
  });

  it('rejects unknown, repeated and out-of-range parameters, naming each', async () => {
    const call = apiOver(store);

    const unknown = await call(`${SEED_QUERY}&type=file`);
    const repeated = await call(`${SEED_QUERY}&bucketCount=6`);
    const source = await call(`${SEED_QUERY}&source=nobody`);

    expect(JSON.parse(unknown.body).problems[0].parameter).toBe('type');
    expect(JSON.parse(repeated.body).problems[0]).toMatchObject({ parameter: 'bucketCount' });
    expect(JSON.parse(source.body).problems[0].fix).toMatch(/acme, beta/);
    expect([unknown, repeated, source].map((r) => r.statusCode)).toEqual([400, 400, 400]);
  });

  it('says which part is covered when the range runs past collected history', async () => {
    const from = DAY + 2880 * 60 - 3600;
    const response = await apiOver(store)(`fromDate=${from}&toDate=${from + 7200}&bucketCount=2`);

    expect(response.statusCode).toBe(200);
    expect(Object.values(JSON.parse(response.body))).toEqual([139 * 60, 0]);
    expect(response.headers).toMatchObject({
      'X-Coverage': '2025-11-27T23:00:00.000Z/2025-11-28T00:00:00.000Z',
      'X-Coverage-Complete': 'false',
      'Cache-Control': 'public, max-age=300',
    });
  });

  it('answers a source with no history with zeros and X-Coverage: none', async () => {
    const response = await apiOver(store)(`${SEED_QUERY}&source=beta`);

    expect(Object.values(JSON.parse(response.body))).toEqual([0, 0, 0, 0, 0]);
    expect(response.headers).toMatchObject({
      'X-Coverage': 'none',
      'X-Coverage-Complete': 'false',
    });
  });

  it('keeps answers that touch the settling window fresh for one collection interval', async () => {
    const to = DAY + 2880 * 60;
    const response = await apiOver(store)(`fromDate=${to - 1800}&toDate=${to}&bucketCount=3`);

    expect(response.headers?.['Cache-Control']).toBe('public, max-age=300');
    expect(response.headers?.['X-Coverage-Complete']).toBe('true');
  });

  it('accepts other filter terms, ignores them, and says so', async () => {
    const filter = encodeURIComponent(
      'type:file and datetime:["2025-11-26T06:00:00Z".."2025-11-26T07:00:00Z"]',
    );
    const response = await apiOver(store)(`${SEED_QUERY}&filter=${filter}`);

    expect(response.headers?.['X-Ignored-Filter']).toBe('type:file');
    expect(Object.values(JSON.parse(response.body))).toEqual([0, 0, 5004, 139 * 24, 0]);
  });

  it('reads at most bucketCount + 2 items whatever the range', async () => {
    const reads = countingReads(store);
    const call = apiOver(reads.store);

    for (const days of [1, 2]) {
      const before = reads.itemsRead();
      const response = await call(
        `fromDate=${DAY + 7}&toDate=${DAY + 7 + days * 86_400}&bucketCount=100`,
      );
      expect(response.statusCode).toBe(200);
      expect(reads.itemsRead() - before).toBeLessThanOrEqual(102);
    }
  });

  it('answers any query string with 200 or 400, never a server error', async () => {
    const call = apiOver(store);
    const value = fc.oneof(
      fc.string(),
      fc.stringMatching(/^\d{0,14}$/),
      fc.constant('datetime:["'),
    );
    const name = fc.constantFrom('fromDate', 'toDate', 'bucketCount', 'filter', 'alignment', 'x');

    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value), async (params) => {
        const response = await call(new URLSearchParams(params).toString());
        expect([200, 400]).toContain(response.statusCode);
      }),
      { numRuns: 60 },
    );
  });
});
