/** Robust statistics on small samples: medians and quantiles that outliers barely move. */

/** Quantile `q` (0..1) of an ascending array, linearly interpolated; NaN when empty. */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}

/** Median of a sample (which it sorts in place); NaN when empty. */
export function median(sample: number[]): number {
  return sortedQuantile(
    sample.sort((a, b) => a - b),
    0.5,
  );
}

/** Index of the first element of an ascending array that is not less than `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** Index of the first element of an ascending array that is greater than `value`. */
export function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) <= value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * The values of the last `span` seconds, kept sorted so that any quantile is one lookup.
 * Adding and expiring cost O(n) moves, cheap for the few thousand values of a week.
 */
export class SlidingSample {
  private readonly sorted: number[] = [];
  private readonly arrivals: { readonly at: number; readonly value: number }[] = [];
  private oldest = 0;

  constructor(private readonly span: number) {}

  /** Adds a value observed at `at` (epoch seconds) and forgets those older than the span. */
  add(at: number, value: number): void {
    this.arrivals.push({ at, value });
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);

    while (this.oldest < this.arrivals.length) {
      const arrival = this.arrivals[this.oldest];
      if (arrival === undefined || arrival.at > at - this.span) {
        break;
      }
      this.sorted.splice(lowerBound(this.sorted, arrival.value), 1);
      this.oldest += 1;
    }
    if (this.oldest > 4096) {
      this.arrivals.splice(0, this.oldest);
      this.oldest = 0;
    }
  }

  /** How many values the sample holds. */
  get size(): number {
    return this.sorted.length;
  }

  /** The `count` largest values held, ascending. */
  largest(count: number): number[] {
    return this.sorted.slice(Math.max(this.sorted.length - count, 0));
  }

  /** The `count` smallest values held, ascending. */
  smallest(count: number): number[] {
    return this.sorted.slice(0, count);
  }

  /** How many values held are at least `value`. */
  countAtLeast(value: number): number {
    return this.sorted.length - lowerBound(this.sorted, value);
  }

  /** How many values held are at most `value`. */
  countAtMost(value: number): number {
    return upperBound(this.sorted, value);
  }

  /** Quantile `q` (0..1) of the values held; NaN when empty. */
  quantile(q: number): number {
    return sortedQuantile(this.sorted, q);
  }
}
