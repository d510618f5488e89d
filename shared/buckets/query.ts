import { InvalidRequestError, type RequestProblem } from '../errors.js';
import { parseFilter } from './filter.js';
import type { Alignment, BucketRequest } from './plan.js';

/** Most buckets one answer may hold: an answer reads one stored item per bucket edge. */
export const MAX_BUCKET_COUNT = 1440;

/**
 * Buckets when `bucketCount` is omitted. Qualys documents the parameter as optional without a
 * default; 10 is our choice (the default of Elasticsearch's auto date histogram).
 */
export const DEFAULT_BUCKET_COUNT = 10;

/** Narrowest bucket: answers come from minute history, finer buckets are only prorations. */
export const MIN_BUCKET_WIDTH_MS = 1000;

/** Latest instant accepted, 9999-12-31T23:59:59Z, in epoch seconds. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Query parameters: Qualys's four, then this service's extensions. */
export const KNOWN_PARAMETERS = [
  'fromDate',
  'toDate',
  'bucketCount',
  'filter',
  'alignment',
  'source',
] as const;

/** A validated time-bucket question. */
export interface BucketQuery {
  request: BucketRequest;
  /** Which collected source to answer from; the service's default when absent. */
  source?: string;
  /** Filter terms accepted and ignored (Qualys honours only datetime). */
  ignoredFilter?: string;
}

type Params = Readonly<Record<string, string | undefined>>;

function parseEpochSeconds(parameter: string, raw: string): number | RequestProblem {
  const fix = `give ${parameter} in whole epoch seconds, e.g. ${parameter}=1764134321`;
  if (/^\d{13}$/.test(raw)) {
    const seconds = raw.slice(0, 10);
    const message = 'has 13 digits: it looks like epoch milliseconds, but Qualys takes seconds';
    return { parameter, value: raw, message, fix: `divide by 1000: ${parameter}=${seconds}` };
  }
  if (/^-\d+$/.test(raw)) {
    return { parameter, value: raw, message: 'is negative; epoch seconds start at 0', fix };
  }
  if (!/^\d{1,12}$/.test(raw)) {
    return { parameter, value: raw, message: 'is not a whole number of epoch seconds', fix };
  }
  const seconds = Number(raw);
  if (seconds > MAX_EPOCH_SECONDS) {
    return { parameter, value: raw, message: 'is after the year 9999', fix };
  }
  return seconds;
}

function parseBucketCount(raw: string | undefined): number | RequestProblem {
  if (raw === undefined) return DEFAULT_BUCKET_COUNT;
  const fix = `give a whole number from 1 to ${MAX_BUCKET_COUNT}`;
  if (/^-\d+$/.test(raw)) {
    return { parameter: 'bucketCount', value: raw, message: 'is negative', fix };
  }
  if (!/^\d{1,9}$/.test(raw)) {
    return { parameter: 'bucketCount', value: raw, message: 'is not a whole number', fix };
  }
  const count = Number(raw);
  if (count < 1 || count > MAX_BUCKET_COUNT) {
    const message = `is outside 1..${MAX_BUCKET_COUNT}`;
    return { parameter: 'bucketCount', value: raw, message, fix };
  }
  return count;
}

function parseAlignment(raw: string | undefined): Alignment | RequestProblem {
  if (raw === undefined || raw === 'epoch' || raw === 'exact') return raw ?? 'epoch';
  const fix = 'use alignment=epoch (as Qualys, the default) or alignment=exact';
  return { parameter: 'alignment', value: raw, message: 'is not a known alignment', fix };
}

function parseSource(raw: string | undefined): string | undefined | RequestProblem {
  if (raw === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(raw)) return raw;
  const fix = 'use the name of a collected source: letters, digits, - and _';
  return { parameter: 'source', value: raw, message: 'is not a source name', fix };
}

function unknownParameters(params: Params, repeated: readonly string[]): RequestProblem[] {
  const known: readonly string[] = KNOWN_PARAMETERS;
  const problems: RequestProblem[] = Object.keys(params)
    .filter((name) => !known.includes(name))
    .map((name) => ({
      parameter: name,
      value: params[name],
      message: 'is not a parameter of this API',
      fix: `remove it; the parameters are ${KNOWN_PARAMETERS.join(', ')}`,
    }));
  for (const name of repeated) {
    const fix = 'give it once';
    problems.push({ parameter: name, message: 'is given more than once', fix });
  }
  return problems;
}

function isProblem<T>(value: T | RequestProblem): value is RequestProblem {
  return typeof value === 'object' && value !== null && 'message' in value && 'fix' in value;
}

/**
 * Validates the query of a time-bucket request. Every problem found is reported at once.
 * @param repeated names of parameters that appeared more than once in the query string.
 * @throws InvalidRequestError naming each bad parameter, the value seen and the fix.
 */
export function parseBucketQuery(params: Params, repeated: readonly string[] = []): BucketQuery {
  const problems = unknownParameters(params, repeated);
  const keep = <T>(value: T | RequestProblem): T | undefined => {
    if (!isProblem(value)) return value;
    problems.push(value);
    return undefined;
  };

  const from =
    params.fromDate === undefined
      ? undefined
      : keep(parseEpochSeconds('fromDate', params.fromDate));
  const to =
    params.toDate === undefined ? undefined : keep(parseEpochSeconds('toDate', params.toDate));
  const bucketCount = keep(parseBucketCount(params.bucketCount));
  const alignment = keep(parseAlignment(params.alignment));
  const source = keep(parseSource(params.source));
  const filter = params.filter === undefined ? {} : keep(parseFilter(params.filter));
  if (problems.length > 0) throw new InvalidRequestError(problems);

  const range = rangeOf(params, from, to, filter?.datetime);
  if (isProblem(range)) throw new InvalidRequestError([range]);

  const request: BucketRequest = {
    fromMs: range.fromMs,
    toMs: range.toMs,
    bucketCount: bucketCount ?? DEFAULT_BUCKET_COUNT,
    alignment: alignment ?? 'epoch',
    countFromMs: filter?.datetime?.fromMs,
    countToMs: filter?.datetime?.toMs,
  };
  const width = Math.floor((request.toMs - request.fromMs) / request.bucketCount);
  if (width < MIN_BUCKET_WIDTH_MS) {
    const given = params.bucketCount !== undefined;
    const which = given ? '' : ` (the default, ${DEFAULT_BUCKET_COUNT}, as none was given)`;
    const narrowest = `the narrowest is ${MIN_BUCKET_WIDTH_MS} ms`;
    const message = `makes buckets of ${width} ms${which}; ${narrowest}`;
    const fix = 'lower bucketCount or widen the range';
    const value = given ? { value: params.bucketCount } : {};
    throw new InvalidRequestError([{ parameter: 'bucketCount', ...value, message, fix }]);
  }
  const { countFromMs = request.fromMs, countToMs = request.toMs } = request;
  if (Math.max(countFromMs, request.fromMs) >= Math.min(countToMs, request.toMs)) {
    const message = 'has a datetime range that does not overlap fromDate..toDate';
    const fix = 'make the datetime range overlap fromDate and toDate, or leave one of them out';
    throw new InvalidRequestError([{ parameter: 'filter', value: params.filter, message, fix }]);
  }

  return {
    request,
    ...(source === undefined ? {} : { source }),
    ...(filter?.ignored === undefined ? {} : { ignoredFilter: filter.ignored }),
  };
}

/** The range that sets the bucket width: fromDate/toDate, else the datetime filter. */
function rangeOf(
  params: Params,
  from: number | undefined,
  to: number | undefined,
  datetime: { fromMs: number; toMs: number } | undefined,
): { fromMs: number; toMs: number } | RequestProblem {
  if (from !== undefined && to !== undefined) {
    if (from < to) return { fromMs: from * 1000, toMs: to * 1000 };
    const message = `fromDate=${from} is not before toDate=${to}`;
    const fix = from === to ? 'make toDate later than fromDate' : 'swap them';
    return { parameter: 'fromDate', value: params.fromDate, message, fix };
  }
  if (from !== undefined || to !== undefined) {
    const missing = from === undefined ? 'fromDate' : 'toDate';
    const message = 'is missing: fromDate and toDate go together';
    return { parameter: missing, message, fix: `add ${missing} in epoch seconds` };
  }
  if (datetime !== undefined) return datetime;
  const message = 'no time range given';
  const fix = 'give fromDate and toDate in epoch seconds, or filter=datetime:["A".."B"]';
  return { parameter: 'fromDate', message, fix };
}
