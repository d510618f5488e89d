import type { AlertState } from './lifecycle.js';
import type { AnomalyKind } from './types.js';

/** An alert state as stored, with the version that fences the next write. */
export interface StoredAlert {
  state: AlertState;
  /** Incremented by every save; 0 for an alert never saved. */
  version: number;
}

/** Where the alert lifecycle keeps its state (DynamoDB in AWS and locally). */
export interface AlertStore {
  /** Every stored alert of `source`, by kind. */
  readAlerts(source: string): Promise<Map<AnomalyKind, StoredAlert>>;

  /**
   * Saves `state` if the stored version is still `version` (0: none stored yet).
   * @returns false when another run saved first; that run has published what was due.
   */
  saveAlert(state: AlertState, version: number): Promise<boolean>;
}
