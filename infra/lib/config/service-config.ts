import type { SourceConfig } from '#shared/config/sources.js';
import type { ServiceContext } from './schema.js';

/** A source with its schedule resolved. */
export interface ConfiguredSource extends SourceConfig {
  /** Minutes between two collector runs. */
  readonly scheduleMinutes: number;
  /** KMS key of the secret, when it is a customer managed one. */
  readonly secretKmsKeyArn?: string;
}

/**
 * Everything the stacks need, validated and with every default applied. Built from context by
 * `readServiceConfig`; tests build it the same way from a context object.
 */
export interface ServiceConfig {
  /** Stage name (`dev`, `prod`, ...): part of every stack name. */
  readonly stage: string;
  /**
   * A development stage: stateful resources are destroyed with the stack and the data stack has
   * no termination protection. True for `dev` and `dev-*`.
   */
  readonly isDev: boolean;
  readonly sources: readonly ConfiguredSource[];
  readonly collection: ServiceContext['collection'] & {
    /** Lease length: the function timeout plus a minute, so a lease outlives its run. */
    readonly leaseSeconds: number;
  };
  readonly api: ServiceContext['api'] & {
    readonly cacheTtlSeconds: number;
    readonly freshMaxAgeSeconds: number;
  };
  readonly alerts: ServiceContext['alerts'] & {
    /**
     * The longest interval between two runs of any source: stall detection uses it so that a
     * slowly scheduled source is not reported stalled between its runs.
     */
    readonly longestIntervalMinutes: number;
  };
  readonly table: ServiceContext['table'];
  readonly logRetentionDays: number;
}

/** Applies the defaults that depend on other values. */
export function resolveServiceConfig(stage: string, context: ServiceContext): ServiceConfig {
  const interval = context.collection.intervalMinutes;
  const sources = context.sources.map((source) => ({
    ...source,
    scheduleMinutes: source.scheduleMinutes ?? interval,
  }));
  const oneInterval = Math.min(3600, interval * 60);

  return {
    stage,
    isDev: stage === 'dev' || stage.startsWith('dev-'),
    sources,
    collection: { ...context.collection, leaseSeconds: context.collection.timeoutSeconds + 60 },
    api: {
      ...context.api,
      cacheTtlSeconds: context.api.cacheTtlSeconds ?? oneInterval,
      freshMaxAgeSeconds: context.api.freshMaxAgeSeconds ?? oneInterval,
    },
    alerts: {
      ...context.alerts,
      longestIntervalMinutes: Math.max(...sources.map((source) => source.scheduleMinutes)),
    },
    table: context.table,
    logRetentionDays: context.logRetentionDays,
  };
}
