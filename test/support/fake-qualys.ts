import type { MinuteCount, QualysCounts } from '#shared/qualys/types.js';
import type { Clock } from '#shared/time.js';

/** Deterministic final count of a minute (epoch seconds): a daily rhythm plus jitter. */
export function truthOf(minute: number): number {
  const hour = (minute / 3600) % 24;
  const rhythm = 40 + 30 * Math.sin((hour / 24) * 2 * Math.PI);
  return Math.floor(rhythm + ((minute * 2_654_435_761) % 97) / 10);
}

/** Options of the in-memory Qualys used by collector unit tests. */
export interface FakeQualysOptions {
  clock: Clock;
  /** Seconds after a minute ends until all its events are visible. @default 600 */
  lagSeconds?: number;
  /** Extra events of a minute that appear only after `veryLateSeconds`. @default none */
  veryLate?: { minute: number; events: number; afterSeconds: number };
}

/**
 * Qualys counts computed from `truthOf`, with events that arrive late: a minute shows a growing
 * share of its events until `lagSeconds` after it ends. `failNextCalls` makes calls throw, to
 * prove a failed run loses nothing.
 */
export class FakeQualys implements QualysCounts {
  calls = 0;
  failNextCalls = 0;

  constructor(private readonly options: FakeQualysOptions) {}

  visible(minute: number, now: number): number {
    const age = now - (minute + 60);
    if (age < 0) return 0;
    const lag = this.options.lagSeconds ?? 600;
    const share = Math.min(1, (age + 60) / (lag + 60));
    const extra = this.options.veryLate;
    const late = extra?.minute === minute && age >= extra.afterSeconds ? extra.events : 0;
    return Math.floor(truthOf(minute) * share) + late;
  }

  async fetchMinuteCounts(from: number, to: number): Promise<MinuteCount[]> {
    this.calls += 1;
    if (this.failNextCalls > 0) {
      this.failNextCalls -= 1;
      throw new Error('injected Qualys failure');
    }
    const now = Math.floor(this.options.clock().getTime() / 1000);
    const counts: MinuteCount[] = [];
    for (let minute = from; minute < to; minute += 60) {
      counts.push({ minute, count: this.visible(minute, now) });
    }
    return counts;
  }
}

/** A clock the test moves by hand. */
export function manualClock(startSeconds: number): Clock & { advance(seconds: number): void } {
  let now = startSeconds * 1000;
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  });
}
