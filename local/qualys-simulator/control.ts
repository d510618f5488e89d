import type { z } from 'zod';
import type { MinuteCount } from '#shared/qualys/types.js';
import { type Anomaly, anomalySchema } from './anomalies.js';
import type { EventModel } from './event-model.js';
import { type Fault, type FaultQueue, faultSchema, type PendingFault } from './faults.js';
import type { TokenIssuer } from './tokens.js';

/** What the simulator has been asked so far. */
export interface SimulatorStats {
  /** Requests received, by path (without the query string). */
  requests: Record<string, number>;
  /** Count calls answered with an injected fault, by fault kind. */
  faults: Record<string, number>;
}

/** Steering and inspecting a running simulator from code (tests, the local stack). */
export interface SimulatorControl {
  /** Final per-minute counts, anomalies included: what collected history must converge to. */
  truth(fromSeconds: number, toSeconds: number): MinuteCount[];
  /** Per-minute counts visible now (late events not yet arrived are missing). */
  visible(fromSeconds: number, toSeconds: number): MinuteCount[];
  /** Queues a fault for the next `fault.times` count calls. @throws InvalidControlError */
  inject(fault: Fault): void;
  clearFaults(): void;
  pendingFaults(): PendingFault[];
  /** Revokes every token issued so far: the next count call with one gets 401. */
  expireTokens(): void;
  /** Changes the truth inside the anomaly's range. @throws InvalidControlError */
  injectAnomaly(anomaly: Anomaly): void;
  clearAnomalies(): void;
  anomalies(): Anomaly[];
  stats(): SimulatorStats;
}

/** A fault or anomaly that does not match its schema. */
export class InvalidControlError extends Error {
  override readonly name = 'InvalidControlError';

  constructor(
    what: string,
    readonly issues: string[],
    options?: ErrorOptions,
  ) {
    super(`invalid ${what}: ${issues.join('; ')}; see local/qualys-simulator/README.md`, options);
  }
}

/** Checks `value` against `schema`, naming every mismatch. @throws InvalidControlError */
export function parseControl<T extends z.ZodType>(what: string, schema: T, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${path}${issue.message}`;
  });
  throw new InvalidControlError(what, issues, { cause: result.error });
}

/** The parts of a simulator that its control steers. */
export interface SimulatorParts {
  model: EventModel;
  faults: FaultQueue;
  tokens: TokenIssuer;
  stats: SimulatorStats;
  nowSeconds: () => number;
}

/** The control of a simulator made of `parts`. */
export function createControl(parts: SimulatorParts): SimulatorControl {
  const { model, faults, tokens, stats } = parts;
  return {
    truth: (from, to) => model.minutes(from, to, (minute) => model.truth(minute)),
    visible: (from, to) => {
      const now = parts.nowSeconds();
      return model.minutes(from, to, (minute) => model.visible(minute, now));
    },
    inject: (fault) => faults.add(parseControl('fault', faultSchema, fault)),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    expireTokens: () => tokens.revokeAll(),
    injectAnomaly: (anomaly) => model.addAnomaly(parseControl('anomaly', anomalySchema, anomaly)),
    clearAnomalies: () => model.clearAnomalies(),
    anomalies: () => model.listAnomalies(),
    stats: () => ({ requests: { ...stats.requests }, faults: { ...stats.faults } }),
  };
}
