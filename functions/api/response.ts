import type { APIGatewayProxyResult } from 'aws-lambda';
import type { BucketAnswer } from '#shared/answer/answer.js';
import { isoMs } from '#shared/time.js';

/** Header values must be printable ASCII; anything else in echoed text becomes '?'. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 512);
}

/**
 * The HTTP answer: the Qualys body unchanged, and headers that say what it covers.
 * - `X-Coverage`: the collected part of the answered range as an ISO-8601 interval, or `none`.
 * - `X-Coverage-Complete`: `false` when part of the range is not collected (it counts nothing).
 * - `X-Ignored-Filter`: filter terms other than datetime, accepted and ignored as Qualys does.
 * - `Cache-Control`: short while the answer can still change, longer over settled history.
 */
export function answerResponse(
  answer: BucketAnswer,
  source: string,
  ignoredFilter: string | undefined,
): APIGatewayProxyResult {
  const { covered } = answer;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Cache-Control': `public, max-age=${answer.maxAgeSeconds}`,
    'X-Source': source,
    'X-Coverage':
      covered === undefined ? 'none' : `${isoMs(covered.fromMs)}/${isoMs(covered.toMs)}`,
    'X-Coverage-Complete': String(answer.complete),
  };
  if (ignoredFilter !== undefined) headers['X-Ignored-Filter'] = headerSafe(ignoredFilter);
  return { statusCode: 200, headers, body: JSON.stringify(answer.body) };
}
