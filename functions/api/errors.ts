import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { InvalidRequestError } from '#shared/errors.js';

/** Body of every error answer: a code, a sentence, and for 400s each problem with its fix. */
export interface ErrorBody {
  error: 'InvalidRequest' | 'InternalError';
  message: string;
  problems?: InvalidRequestError['problems'];
  requestId?: string;
}

function json(statusCode: number, body: ErrorBody): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * The one place that maps errors to HTTP. A bad request is a 400 that lists every problem and
 * its fix; anything else is a 500 that says nothing of internals (the log has the details,
 * found by the request id).
 */
export function errorResponse(error: unknown, requestId?: string): APIGatewayProxyResult {
  if (error instanceof InvalidRequestError) {
    const message = `The request cannot be answered: ${error.message}.`;
    return json(400, { error: 'InvalidRequest', message, problems: error.problems });
  }
  const message = 'The service failed to answer; retry later or report the request id.';
  return json(500, { error: 'InternalError', message, ...(requestId ? { requestId } : {}) });
}

/** middy middleware: turns a thrown error into its HTTP answer, logging it at the right level. */
export function httpErrors(logger: Logger): MiddlewareObj<unknown, APIGatewayProxyResult> {
  return {
    onError: async function answerWithError(request) {
      const { error } = request;
      if (error instanceof InvalidRequestError) {
        logger.warn('Rejected a bad request', { problems: error.problems });
      } else {
        logger.error('Failed to answer', error ?? 'unknown error');
      }
      request.response = errorResponse(error, request.context.awsRequestId);
    },
  };
}
