import type { Coverage } from './minutes.js';
import type { SourceState } from './store.js';

/** The collected span of a source, [firstMinute, collectedUntil), in epoch ms. */
export function coverageOf(state: SourceState): Coverage {
  const { firstMinute, collectedUntil } = state;
  if (firstMinute === undefined || collectedUntil === undefined) return undefined;
  if (collectedUntil <= firstMinute) return undefined;
  return { fromMs: firstMinute * 1000, toMs: collectedUntil * 1000 };
}

/** The part of `range` that history covers, or undefined when none of it is. */
export function coveredPart(
  range: { fromMs: number; toMs: number } | undefined,
  coverage: Coverage,
): { fromMs: number; toMs: number } | undefined {
  if (range === undefined || coverage === undefined) return undefined;
  const fromMs = Math.max(range.fromMs, coverage.fromMs);
  const toMs = Math.min(range.toMs, coverage.toMs);
  return fromMs < toMs ? { fromMs, toMs } : undefined;
}
