import { z } from 'zod';

/** How a `malformed` fault spoils an answer. */
export type MalformedShape = 'notJson' | 'wrongShape' | 'missingMinute';

/**
 * A misbehaviour of the count endpoints, applied to the next `times` count calls (default 1).
 * Queued faults apply one after another, in the order they were injected.
 */
export type Fault = (
  | { kind: 'unauthorized' }
  | {
      kind: 'rateLimited';
      /** Seconds stated in `X-RateLimit-ToWait-Sec`. @default 5 */
      waitSeconds?: number;
      /** False leaves the wait header out, as Qualys sometimes does. @default true */
      withWaitHeader?: boolean;
    }
  | {
      kind: 'concurrency409';
      /** Seconds stated in the body text (no header carries it). @default 5 */
      waitSeconds?: number;
    }
  | {
      kind: 'serverError';
      /** @default 500 */
      status?: 500 | 502 | 503 | 504;
    }
  | {
      kind: 'slow';
      /** Delay before the (correct) answer, in ms. @default 3000 */
      delayMs?: number;
    }
  | {
      kind: 'malformed';
      /** @default 'notJson' */
      shape?: MalformedShape;
    }
) & {
  /** Count calls the fault applies to. @default 1 */
  times?: number;
};

const times = { times: z.number().int().min(1).max(10_000).optional() };
const seconds = z.number().int().min(0).max(86_400).optional();

/** What `control.inject` and `POST /_simulator/faults` accept. */
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unauthorized'), ...times }),
  z.strictObject({
    kind: z.literal('rateLimited'),
    waitSeconds: seconds,
    withWaitHeader: z.boolean().optional(),
    ...times,
  }),
  z.strictObject({ kind: z.literal('concurrency409'), waitSeconds: seconds, ...times }),
  z.strictObject({
    kind: z.literal('serverError'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...times,
  }),
  z.strictObject({
    kind: z.literal('slow'),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    ...times,
  }),
  z.strictObject({
    kind: z.literal('malformed'),
    shape: z.enum(['notJson', 'wrongShape', 'missingMinute']).optional(),
    ...times,
  }),
]);

/** A queued fault and how many more count calls it applies to. */
export interface PendingFault {
  fault: Fault;
  remaining: number;
}

/** The queue of faults waiting for count calls. */
export class FaultQueue {
  private readonly queue: PendingFault[] = [];

  /** Queues `fault` behind those already waiting. */
  add(fault: Fault): void {
    this.queue.push({ fault, remaining: fault.times ?? 1 });
  }

  /** The fault the next count call gets, counting it as used; undefined when none waits. */
  take(): Fault | undefined {
    const head = this.queue[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.fault;
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): PendingFault[] {
    return this.queue.map((entry) => ({ ...entry }));
  }
}
