import { isoSeconds } from '#shared/time.js';

/** A clock that moves only when the injected sleep is called, recording every wait. */
export function fakeTime(startMs = Date.UTC(2025, 10, 26, 6, 0, 0)) {
  let nowMs = startMs;
  const waits: number[] = [];
  return {
    clock: () => new Date(nowMs),
    sleep: async (ms: number) => {
      waits.push(ms);
      nowMs += ms;
    },
    advance(ms: number) {
      nowMs += ms;
    },
    waits,
  };
}

/** The first minute of the ranges the tests ask for: 2025-11-26T05:00:00Z. */
export const FROM = Date.UTC(2025, 10, 26, 5, 0, 0) / 1000;

/** A time-bucket answer of one bucket per minute from `fromSeconds`, in Qualys's key format. */
export function minuteAnswer(
  fromSeconds: number,
  counts: readonly number[],
): Record<string, number> {
  return Object.fromEntries(
    counts.map((count, index) => {
      const start = fromSeconds + 60 * index;
      return [`${isoSeconds(start)}_${isoSeconds(start + 60)}`, count];
    }),
  );
}

/** The JSON body of {@link minuteAnswer}. */
export function minuteBody(fromSeconds: number, counts: readonly number[]): string {
  return JSON.stringify(minuteAnswer(fromSeconds, counts));
}

/** An unsigned JWT with the given claims; the signature part is not checked by the client. */
export function fakeJwt(claims: Record<string, unknown>, tag = 'sig'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${tag}`;
}
