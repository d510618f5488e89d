/** Events counted by Qualys in one minute; `minute` is its start in epoch seconds. */
export interface MinuteCount {
  minute: number;
  count: number;
}

/** Minute counts from the Qualys time-bucket endpoint. */
export interface QualysCounts {
  /**
   * Counts of every minute in [fromSeconds, toSeconds) (both on minute edges), asked as one
   * bucket per minute. Fails unless every expected minute came back with a valid count.
   */
  fetchMinuteCounts(fromSeconds: number, toSeconds: number): Promise<MinuteCount[]>;
}

/** What the Qualys secret holds: a ready bearer token, or credentials to obtain one. */
export type QualysCredential =
  | { token: string }
  | { username: string; password: string; gatewayUrl: string };

/** Reads the credential (Secrets Manager in AWS, the environment locally). */
export type CredentialSource = () => Promise<QualysCredential>;

/** Bearer tokens for Qualys: cached, renewed before they expire. */
export interface TokenProvider {
  /** A token believed valid now. */
  token(): Promise<string>;
  /** Drops `rejected` after a 401 so the next `token()` obtains a fresh one. */
  invalidate(rejected: string): void;
}
