import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUCKET_COUNT, MAX_BUCKET_COUNT, parseBucketQuery } from '#shared/buckets/query.js';
import { InvalidRequestError, type RequestProblem } from '#shared/errors.js';

function problemsOf(params: Record<string, string>, repeated: string[] = []): RequestProblem[] {
  try {
    parseBucketQuery(params, repeated);
  } catch (error) {
    if (error instanceof InvalidRequestError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the query to be rejected');
}

const SEED = { fromDate: '1764134321', toDate: '1764145121', bucketCount: '5' };

describe('parseBucketQuery', () => {
  it('reads the seed request as epoch seconds with Qualys alignment', () => {
    const { request } = parseBucketQuery(SEED);

    expect(request).toMatchObject({
      fromMs: 1_764_134_321_000,
      toMs: 1_764_145_121_000,
      bucketCount: 5,
      alignment: 'epoch',
    });
  });

  it('rejects a millisecond fromDate with a problem that names the unit and the fix', () => {
    const [problem] = problemsOf({ ...SEED, fromDate: '1764134321000' });

    expect(problem?.parameter).toBe('fromDate');
    expect(problem?.value).toBe('1764134321000');
    expect(problem?.message).toMatch(/milliseconds/);
    expect(problem?.fix).toContain('fromDate=1764134321');
  });

  it('rejects fromDate at or after toDate', () => {
    const [problem] = problemsOf({ ...SEED, fromDate: SEED.toDate });
    expect(problem?.message).toMatch(/not before toDate/);
  });

  it.each([
    ['0', /outside 1\.\.1440/],
    ['1441', /outside 1\.\.1440/],
    ['five', /not a whole number/],
    ['2.5', /not a whole number/],
    ['-3', /negative/],
  ])('rejects bucketCount=%s', (bucketCount, message) => {
    const [problem] = problemsOf({ ...SEED, bucketCount });
    expect(problem?.parameter).toBe('bucketCount');
    expect(problem?.message).toMatch(message);
  });

  it.each([
    'datetime:["2025-11-14T00:11:00.000Z"]',
    'datetime:["yesterday".."2025-11-14T00:12:00.000Z"]',
    'datetime:["2025-11-14T00:11:00".."2025-11-14T00:12:00"]',
    'datetime:["2025-11-14T00:12:00Z".."2025-11-14T00:11:00Z"]',
  ])('rejects the malformed datetime filter %s', (filter) => {
    const [problem] = problemsOf({ filter });
    expect(problem?.parameter).toBe('filter');
    expect(problem?.fix).toContain('datetime:[');
  });

  it.each([
    [
      'a date that does not exist',
      'datetime:["2026-02-30T00:00:00Z".."2026-03-03T00:00:00Z"]',
      /not a date that exists/,
    ],
    ['a negated range', 'not datetime:["2025-11-26T06:00:00Z".."2025-11-26T07:00:00Z"]', /negates/],
    [
      'a range joined by OR',
      'datetime:["2025-11-26T06:00:00Z".."2025-11-26T07:00:00Z"] or type:x',
      /OR/,
    ],
    [
      'a range outside fromDate..toDate',
      'datetime:["2025-11-27T06:00:00Z".."2025-11-27T07:00:00Z"]',
      /does not overlap/,
    ],
    [
      'an offset whose + was sent unencoded',
      'datetime:["2025-11-26T06:00:00 05:00".."2025-11-26T07:00:00Z"]',
      /%2B/,
    ],
  ])('rejects a filter with %s', (_, filter, message) => {
    const [problem] = problemsOf({ ...SEED, filter });
    expect(problem?.parameter).toBe('filter');
    expect(problem?.message).toMatch(message);
  });

  it('tells a negative epoch and an empty range apart from other mistakes', () => {
    const [negative] = problemsOf({ ...SEED, fromDate: '-5' });
    const [empty] = problemsOf({ ...SEED, toDate: SEED.fromDate });

    expect(negative?.message).toMatch(/negative/);
    expect(empty?.fix).toBe('make toDate later than fromDate');
  });

  it('says when the bucketCount that makes buckets too narrow is the default', () => {
    const [problem] = problemsOf({ fromDate: '100', toDate: '105' });

    expect(problem?.message).toMatch(/the default, 10, as none was given/);
    expect(problem?.value).toBeUndefined();
  });

  it('rejects unknown and repeated parameters, naming each', () => {
    const problems = problemsOf({ ...SEED, from: '1' }, ['toDate']);

    expect(problems.map((problem) => problem.parameter)).toEqual(['from', 'toDate']);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ fromDate: 'x', toDate: '1764145121000', bucketCount: '0' });
    expect(problems.map((problem) => problem.parameter)).toEqual([
      'fromDate',
      'toDate',
      'bucketCount',
    ]);
  });

  it('takes the range from a datetime filter when fromDate and toDate are absent', () => {
    const filter = 'datetime:["2025-11-14T00:11:00.000Z".."2025-11-14T00:12:00.000Z"]';
    const { request } = parseBucketQuery({ filter, bucketCount: '2' });

    expect(request.fromMs).toBe(Date.parse('2025-11-14T00:11:00.000Z'));
    expect(request.toMs).toBe(Date.parse('2025-11-14T00:12:00.000Z'));
  });

  it('narrows the counting range with a datetime filter and reports other terms as ignored', () => {
    const filter = 'type:file and datetime:["2025-11-26T06:00:00Z".."2025-11-26T07:00:00Z"]';
    const query = parseBucketQuery({ ...SEED, filter });

    expect(query.request.countFromMs).toBe(Date.parse('2025-11-26T06:00:00Z'));
    expect(query.request.countToMs).toBe(Date.parse('2025-11-26T07:00:00Z'));
    expect(query.ignoredFilter).toBe('type:file');
  });

  it('defaults bucketCount and rejects buckets narrower than a second', () => {
    expect(parseBucketQuery({ fromDate: '100', toDate: '200' }).request.bucketCount).toBe(
      DEFAULT_BUCKET_COUNT,
    );
    const [problem] = problemsOf({ fromDate: '100', toDate: '110', bucketCount: '20' });
    expect(problem?.message).toMatch(/500 ms/);
  });

  it('accepts every well-formed range and bucket count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: 1, max: 400_000_000 }),
        fc.integer({ min: 1, max: MAX_BUCKET_COUNT }),
        (from, span, bucketCount) => {
          fc.pre(span >= bucketCount);
          const params = {
            fromDate: `${from}`,
            toDate: `${from + span}`,
            bucketCount: `${bucketCount}`,
          };

          const { request } = parseBucketQuery(params);

          expect(request.fromMs).toBe(from * 1000);
          expect(request.toMs - request.fromMs).toBe(span * 1000);
          expect(request.bucketCount).toBe(bucketCount);
        },
      ),
    );
  });

  it('answers any query string with a result or a 400 problem list, never another error', () => {
    const value = fc.oneof(
      fc.string(),
      fc.stringMatching(/^\d{0,14}$/),
      fc.constant('datetime:["'),
    );
    const name = fc.constantFrom('fromDate', 'toDate', 'bucketCount', 'filter', 'alignment', 'x');
    fc.assert(
      fc.property(fc.dictionary(name, value), (params) => {
        try {
          parseBucketQuery(params);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRequestError);
          const problems = (error as InvalidRequestError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const problem of problems) expect(problem.fix.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
