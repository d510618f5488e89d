import type { Fault, MalformedShape } from './faults.js';
import { errorReply, jsonReply, type Reply } from './http.js';

/** Rate-limit figures stated in 429 headers; Qualys's own vary by subscription. */
const RATE_LIMIT = { limit: 300, windowSeconds: 3600 };
/** Concurrency figures stated in 409 headers: subscriptions may allow as few as 2 calls. */
const CONCURRENCY_LIMIT = 2;

/** The unauthorized answer, the same for a fault as for a bad or expired token. */
export function unauthorizedReply(message: string): Reply {
  return errorReply(401, 'Unauthorized', message);
}

function rateLimitedReply(waitSeconds: number, withWaitHeader: boolean): Reply {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(RATE_LIMIT.limit),
    'X-RateLimit-Window-Sec': String(RATE_LIMIT.windowSeconds),
    'X-RateLimit-Remaining': '0',
  };
  if (withWaitHeader) headers['X-RateLimit-ToWait-Sec'] = String(waitSeconds);
  const message = 'API rate limit exceeded for this subscription';
  return jsonReply(429, { error: 'Too Many Requests', message }, headers);
}

/** Qualys's classic APIs answer 409 in XML and state the wait only in the text. */
function concurrencyReply(waitSeconds: number): Reply {
  const text = `This API cannot be run again for another ${waitSeconds} seconds.`;
  const body =
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
    `<SIMPLE_RETURN><RESPONSE><CODE>1965</CODE><TEXT>${text}</TEXT></RESPONSE></SIMPLE_RETURN>\n`;
  const headers = {
    'Content-Type': 'text/xml',
    'X-Concurrency-Limit-Limit': String(CONCURRENCY_LIMIT),
    'X-Concurrency-Limit-Running': String(CONCURRENCY_LIMIT),
  };
  return { status: 409, headers, body };
}

/**
 * The answer a fault gives instead of counts, or undefined for faults that still answer with
 * counts (`slow` delays them, `malformed` spoils them).
 */
export function faultReply(fault: Fault): Reply | undefined {
  switch (fault.kind) {
    case 'unauthorized':
      return unauthorizedReply('the token has expired; obtain a new one from /auth');
    case 'rateLimited':
      return rateLimitedReply(fault.waitSeconds ?? 5, fault.withWaitHeader ?? true);
    case 'concurrency409':
      return concurrencyReply(fault.waitSeconds ?? 5);
    case 'serverError': {
      const status = fault.status ?? 500;
      return errorReply(status, 'Server Error', `simulated upstream failure (${status})`);
    }
    default:
      return undefined;
  }
}

/** A count answer spoiled as `shape` says. */
export function malformedReply(shape: MalformedShape, answer: Record<string, number>): Reply {
  const entries = Object.entries(answer);
  switch (shape) {
    case 'notJson': {
      // A body cut off mid-way, as from a proxy that dropped the connection.
      const body = JSON.stringify(answer).slice(0, 40);
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
    }
    case 'wrongShape':
      return jsonReply(200, { data: entries.map(([key, count]) => ({ key, count })) });
    case 'missingMinute': {
      const dropped = Math.floor(entries.length / 2);
      return jsonReply(200, Object.fromEntries(entries.filter((_, index) => index !== dropped)));
    }
  }
}
