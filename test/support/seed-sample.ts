/**
 * The vendor's sample (shared/reference/qualys-edr-time-buckets-api.txt): its request and the
 * keys of its response, the one ground truth of the bucket semantics.
 */
export const SEED_PARAMS = { fromDate: '1764134321', toDate: '1764145121', bucketCount: '5' };

/** The sample request as a query string. */
export const SEED_QUERY = new URLSearchParams(SEED_PARAMS).toString();

/** The keys of the vendor's response, in order. */
export const SEED_KEYS = [
  '2025-11-26T04:48:00.000Z_2025-11-26T05:24:00.000Z',
  '2025-11-26T05:24:00.000Z_2025-11-26T06:00:00.000Z',
  '2025-11-26T06:00:00.000Z_2025-11-26T06:36:00.000Z',
  '2025-11-26T06:36:00.000Z_2025-11-26T07:12:00.000Z',
  '2025-11-26T07:12:00.000Z_2025-11-26T07:48:00.000Z',
];
