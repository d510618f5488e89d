import type { StoredMinute } from '#shared/history/minutes.js';
import {
  type HistoryStore,
  LeaseLostError,
  type SourceState,
  type StateUpdate,
} from '#shared/history/store.js';

/**
 * The `HistoryStore` contract held in memory, for property tests that drive thousands of
 * collector runs. Integration tests use the DynamoDB store against a real server; this double
 * only stands in where speed matters, and can be told to fail a write to prove recovery.
 */
export class MemoryStore implements HistoryStore {
  readonly minutes = new Map<string, Map<number, StoredMinute>>();
  readonly states = new Map<string, SourceState & { owner?: string; leaseUntil?: number }>();
  /** Number of `writeMinutes` calls left before one throws; undefined never throws. */
  failWritesAfter: number | undefined;

  private history(source: string): Map<number, StoredMinute> {
    let history = this.minutes.get(source);
    if (history === undefined) {
      history = new Map();
      this.minutes.set(source, history);
    }
    return history;
  }

  async readState(source: string): Promise<SourceState> {
    const { owner: _owner, leaseUntil: _leaseUntil, ...state } = this.states.get(source) ?? {};
    return state;
  }

  async acquireLease(source: string, owner: string, now: number, ttl: number): Promise<boolean> {
    const state = this.states.get(source) ?? {};
    if (state.owner !== undefined && state.owner !== owner && (state.leaseUntil ?? 0) >= now) {
      return false;
    }
    this.states.set(source, { ...state, owner, leaseUntil: now + ttl });
    return true;
  }

  async commitState(source: string, owner: string, update: StateUpdate): Promise<void> {
    const state = this.states.get(source);
    if (state?.owner !== owner) throw new LeaseLostError(`${owner} does not hold ${source}`);
    const { resumeFrom, ...rest } = update;
    const next = { ...state, ...rest };
    if (resumeFrom === null) delete next.resumeFrom;
    else if (resumeFrom !== undefined) next.resumeFrom = resumeFrom;
    this.states.set(source, next);
  }

  async releaseLease(source: string, owner: string): Promise<void> {
    const state = this.states.get(source);
    if (state?.owner !== owner) return;
    const { owner: _owner, leaseUntil: _leaseUntil, ...rest } = state;
    this.states.set(source, rest);
  }

  async writeMinutes(source: string, minutes: readonly StoredMinute[]): Promise<void> {
    if (this.failWritesAfter !== undefined) {
      if (this.failWritesAfter <= 0) throw new Error('injected write failure');
      this.failWritesAfter -= 1;
    }
    const history = this.history(source);
    for (const minute of minutes) history.set(minute.minute, { ...minute });
  }

  async readMinutes(
    source: string,
    minutes: readonly number[],
  ): Promise<Map<number, StoredMinute>> {
    const history = this.history(source);
    const found = new Map<number, StoredMinute>();
    for (const minute of minutes) {
      const item = history.get(minute);
      if (item !== undefined) found.set(minute, { ...item });
    }
    return found;
  }

  async readRange(source: string, from: number, to: number): Promise<StoredMinute[]> {
    return [...this.history(source).values()]
      .filter((item) => item.minute >= from && item.minute < to)
      .sort((a, b) => a.minute - b.minute);
  }
}
