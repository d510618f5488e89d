import { setTimeout as sleep } from 'node:timers/promises';
import { parseBucketQuery } from '#shared/buckets/query.js';
import { InvalidRequestError } from '#shared/errors.js';
import type { SimulatorParts } from './control.js';
import { countAnswer, queryParams } from './count-answer.js';
import { faultReply, malformedReply, unauthorizedReply } from './fault-replies.js';
import type { Fault } from './faults.js';
import { errorReply, jsonReply, type Reply } from './http.js';

/** What the count endpoints need besides the simulator's parts. */
export interface CountEndpointSettings {
  staticToken: string | undefined;
  maxRangeMinutes: number;
  /** Aborted when the simulator closes, to cut `slow` answers short. */
  closing: AbortSignal;
}

/** A count answer and the fault that shaped it, if any (for the request log). */
export interface CountReply {
  reply: Reply;
  fault?: Fault['kind'];
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
}

/** The answer over the events visible now, or the problem with the query. */
function answerOrProblem(
  parts: SimulatorParts,
  search: URLSearchParams,
  maxRangeMinutes: number,
): Record<string, number> | InvalidRequestError {
  const { params, repeated } = queryParams(search);
  const now = parts.nowSeconds();
  try {
    const query = parseBucketQuery(params, repeated);
    return countAnswer(query, (minute) => parts.model.visible(minute, now), maxRangeMinutes);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
}

/** Takes the next queued fault, counting it in the stats. */
function takeFault(parts: SimulatorParts): Fault | undefined {
  const fault = parts.faults.take();
  if (fault !== undefined) {
    parts.stats.faults[fault.kind] = (parts.stats.faults[fault.kind] ?? 0) + 1;
  }
  return fault;
}

/**
 * `GET /ioc/(v1/)events/count/time-buckets`: checks the bearer token (issued here and not
 * expired, or the static token), then applies the next queued fault, then answers from the
 * events visible now with Qualys's bucket semantics.
 */
export async function countReply(
  parts: SimulatorParts,
  settings: CountEndpointSettings,
  authorization: string | undefined,
  search: URLSearchParams,
): Promise<CountReply> {
  const token = bearerToken(authorization);
  if (token === undefined) {
    return { reply: unauthorizedReply('send Authorization: Bearer <token from /auth>') };
  }
  const isStatic = settings.staticToken !== undefined && token === settings.staticToken;
  if (!isStatic && !parts.tokens.accepts(token, Math.floor(parts.nowSeconds()))) {
    return { reply: unauthorizedReply('the token is expired or unknown; obtain one from /auth') };
  }

  const fault = takeFault(parts);
  const faulted = fault === undefined ? undefined : faultReply(fault);
  if (fault !== undefined && faulted !== undefined) return { reply: faulted, fault: fault.kind };
  if (fault?.kind === 'slow') {
    await sleep(fault.delayMs ?? 3000, undefined, { signal: settings.closing });
  }

  const answer = answerOrProblem(parts, search, settings.maxRangeMinutes);
  const reply =
    answer instanceof InvalidRequestError
      ? errorReply(400, 'Bad Request', answer.message, { problems: answer.problems })
      : fault?.kind === 'malformed'
        ? malformedReply(fault.shape ?? 'notJson', answer)
        : jsonReply(200, answer);
  return fault === undefined ? { reply } : { reply, fault: fault.kind };
}
