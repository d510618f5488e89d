/**
 * How rare a run of silent windows is for a source. A window is silent when it holds at most 2%
 * of what was expected while enough was expected to judge it. Silence gets its own model
 * because a source that has gone quiet sits at the very bottom of its range, where the noise of
 * a busy hour says little: how often has this source gone silent before, and how likely is so
 * little under Poisson noise? A run of silent windows multiplies both.
 */

const DAY = 86_400;

/** At most 2% of the expected count is silence (near nothing), not a drop. */
export const SILENCE_SHARE = 0.02;

/** Windows remembered: three weeks, as for the noise model. */
const SPAN = 21 * DAY;

/** Windows join the record a day late, so an outage in progress does not make silence usual. */
const DELAY = DAY;

/** log10 P(X <= count) for X Poisson with mean `expected`. */
export function log10PoissonAtMost(count: number, expected: number): number {
  if (expected <= 0) {
    return 0;
  }
  const last = Math.floor(Math.max(count, 0));
  let logTerm = -expected;
  let logSum = logTerm;
  for (let events = 1; events <= last; events += 1) {
    logTerm += Math.log(expected) - Math.log(events);
    const larger = Math.max(logSum, logTerm);
    logSum = larger + Math.log(Math.exp(logSum - larger) + Math.exp(logTerm - larger));
  }
  return Math.min(logSum / Math.LN10, 0);
}

/** Whether a window is silent. */
export function isSilent(count: number, expected: number): boolean {
  return count <= SILENCE_SHARE * expected;
}

/** The record of silences of one source and its current run of them. */
export class SilenceModel {
  private readonly pending: { readonly at: number; readonly silent: boolean }[] = [];
  private readonly judged = new RecentTimes();
  private readonly silent = new RecentTimes();
  private run = 0;
  private runPoisson = 0;

  /**
   * log10 of the probability of the run of silence that this window (of `count` where
   * `expected` was expected) would end; 0 when the window is not silent.
   * @param counts whether the source holds counts, to which Poisson noise applies
   */
  log10Rarity(count: number, expected: number, counts: boolean): number {
    if (!isSilent(count, expected)) {
      return 0;
    }
    const rate = (this.silent.size + 1) / (this.judged.size + 1);
    const seen = (this.run + 1) * Math.log10(rate);
    if (!counts) {
      return seen;
    }
    return Math.max(seen, this.runPoisson + log10PoissonAtMost(count, expected));
  }

  /** Records a judged window (one where enough was expected) and extends or ends the run. */
  learn(at: number, count: number, expected: number, counts: boolean): void {
    const silent = isSilent(count, expected);
    this.run = silent ? this.run + 1 : 0;
    this.runPoisson = silent && counts ? this.runPoisson + log10PoissonAtMost(count, expected) : 0;

    this.pending.push({ at, silent });
    while ((this.pending[0]?.at ?? Number.POSITIVE_INFINITY) <= at - DELAY) {
      const ripe = this.pending.shift();
      if (ripe !== undefined) {
        this.judged.add(ripe.at);
        if (ripe.silent) {
          this.silent.add(ripe.at);
        }
      }
    }
    this.judged.forgetBefore(at - SPAN);
    this.silent.forgetBefore(at - SPAN);
  }
}

/** Instants in ascending order, the oldest forgotten without moving the array each time. */
class RecentTimes {
  private readonly times: number[] = [];
  private oldest = 0;

  get size(): number {
    return this.times.length - this.oldest;
  }

  add(at: number): void {
    this.times.push(at);
  }

  forgetBefore(instant: number): void {
    while ((this.times[this.oldest] ?? Number.POSITIVE_INFINITY) < instant) {
      this.oldest += 1;
    }
    if (this.oldest > 4096) {
      this.times.splice(0, this.oldest);
      this.oldest = 0;
    }
  }
}
