import type { StoredMinute } from './minutes.js';

/**
 * Per-source bookkeeping of the collector, kept in one item with the lease so that every
 * state change can be fenced by the lease in a single conditional write. All instants are
 * epoch seconds on minute edges.
 */
export interface SourceState {
  /** First stored minute. */
  firstMinute?: number;
  /** End (exclusive) of the contiguous stored history: every minute before it is stored. */
  collectedUntil?: number;
  /** End of the last settled minute: history before it is final, bar restatement. */
  checkpoint?: number;
  /**
   * Set while a re-read of already stored history is part way through: minutes from here to
   * `collectedUntil` may hold stale running totals, so the next run must re-read from here.
   */
  resumeFrom?: number;
  /** When the last restatement pass (re-read of the longer horizon) completed. */
  restatedAt?: number;
  /** When the last successful run ended. */
  lastRunAt?: number;
}

/** A change of state; `resumeFrom: null` clears it. */
export type StateUpdate = Omit<Partial<SourceState>, 'resumeFrom'> & { resumeFrom?: number | null };

/** Minute history and collector state of every source, by source name. */
export interface HistoryStore {
  /** The source's state; empty before its first run. */
  readState(source: string): Promise<SourceState>;

  /**
   * Takes the source's lease for `owner` until `nowSeconds + ttlSeconds`, if no one holds it or
   * the holder's lease has expired.
   * @returns false when another owner holds an unexpired lease.
   */
  acquireLease(
    source: string,
    owner: string,
    nowSeconds: number,
    ttlSeconds: number,
  ): Promise<boolean>;

  /**
   * Applies `update` to the state, only while `owner` holds the lease.
   * @throws LeaseLostError when the lease is no longer `owner`'s.
   */
  commitState(source: string, owner: string, update: StateUpdate): Promise<void>;

  /** Gives the lease up if `owner` still holds it; a no-op otherwise. */
  releaseLease(source: string, owner: string): Promise<void>;

  /** Stores minutes (idempotent puts: the same minute overwrites itself). */
  writeMinutes(source: string, minutes: readonly StoredMinute[]): Promise<void>;

  /** The stored items of the given minutes; minutes never stored are absent from the map. */
  readMinutes(source: string, minutes: readonly number[]): Promise<Map<number, StoredMinute>>;

  /** Every stored minute in [fromSeconds, toSeconds), ascending. */
  readRange(source: string, fromSeconds: number, toSeconds: number): Promise<StoredMinute[]>;
}

/** The lease of a source was taken by another run; this run must stop without committing. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** A source's history is gap-free by construction; a missing minute means damage. */
export class HistoryGapError extends Error {
  override readonly name = 'HistoryGapError';
}
