import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { countsCollectedEvent } from '#shared/collector/event.js';
import { collectSource, type RunResult } from '#shared/collector/run.js';
import { collectorSettings } from '#shared/collector/settings.js';
import type { CollectorEnv } from '#shared/config/collector.js';
import { type SourceConfig, sourceName } from '#shared/config/sources.js';
import type { EventPublisher } from '#shared/events/publisher.js';
import type { HistoryStore } from '#shared/history/store.js';
import type { QualysCounts } from '#shared/qualys/types.js';
import { type Clock, nowSeconds } from '#shared/time.js';

/** What the collector runs on: AWS services in Lambda, local ones in `npm start`. */
export interface CollectorDeps {
  env: CollectorEnv;
  store: HistoryStore;
  /** The Qualys client of a source; created once per source and reused across invocations. */
  qualysFor(source: SourceConfig): QualysCounts;
  publisher: EventPublisher;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** The schedule's input: one source, or every configured source when absent. */
const collectorEvent = z.looseObject({ source: sourceName.optional() });

/**
 * Time kept in hand before the function times out: one Qualys call may spend its whole retry
 * budget (120 s by default) and the chunk must still be written and the state saved. With a
 * short timeout, half of it is kept instead.
 */
const DEADLINE_MARGIN_MS = 150_000;

function selectSources(event: unknown, sources: readonly SourceConfig[]): SourceConfig[] {
  const parsed = collectorEvent.safeParse(event ?? {});
  const names = sources.map((source) => source.name).join(', ');
  if (!parsed.success) {
    throw new TypeError(`collector input must be {"source": "<name>"} with one of: ${names}`);
  }
  const { source } = parsed.data;
  if (source === undefined) return [...sources];
  const match = sources.find((candidate) => candidate.name === source);
  if (match === undefined) throw new TypeError(`unknown source "${source}"; known: ${names}`);
  return [match];
}

/**
 * The scheduled collector: collects each selected source in turn, publishes "Event Counts
 * Collected" for every run that wrote, and fails the invocation if any source failed (after
 * trying the others), so the on-failure destination sees it.
 */
export function createCollectorHandler(deps: CollectorDeps) {
  const { env, store, publisher, clock, logger, metrics } = deps;
  const settings = collectorSettings(env);

  const recordRun = (result: RunResult) => {
    const metric = metrics.singleMetric();
    metric.addDimension('source', result.source);
    metric.addMetric('MinutesWritten', MetricUnit.Count, result.minutes);
    metric.addMetric('EventsWritten', MetricUnit.Count, result.events);
    const lag = nowSeconds(clock) - (result.state.checkpoint ?? 0);
    if (result.state.checkpoint !== undefined) {
      metric.addMetric('CollectionLagSeconds', MetricUnit.Seconds, lag);
    }
    metric.addMetric('RunSucceeded', MetricUnit.Count, 1);
  };

  const collect = async (event: unknown, context: Context): Promise<RunResult[]> => {
    logger.debug('Collector invoked', { event });
    const remainingMs = context.getRemainingTimeInMillis();
    const workMs = Math.max(remainingMs - DEADLINE_MARGIN_MS, remainingMs / 2);
    const deadlineMs = clock().getTime() + workMs;
    const results: RunResult[] = [];
    const failures: unknown[] = [];

    for (const source of selectSources(event, env.SOURCES)) {
      try {
        const qualys = deps.qualysFor(source);
        const runId = `${context.awsRequestId}/${randomUUID()}`;
        const result = await collectSource(source.name, settings, {
          store,
          qualys,
          clock,
          runId,
          deadlineMs,
          log: logger,
        });
        const announcement = countsCollectedEvent(result);
        if (announcement !== undefined) await publisher.publish([announcement]);
        recordRun(result);
        results.push(result);
      } catch (error) {
        logger.error('Collection failed; the next run resumes from the saved state', {
          source: source.name,
          error,
        });
        const metric = metrics.singleMetric();
        metric.addDimension('source', source.name);
        metric.addMetric('RunSucceeded', MetricUnit.Count, 0);
        failures.push(error);
      }
    }

    metrics.addMetric('SourcesCollected', MetricUnit.Count, results.length);
    metrics.addMetric('SourcesFailed', MetricUnit.Count, failures.length);
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} source(s) failed to collect`);
    }
    return results;
  };

  return middy<unknown, RunResult[], Error, Context>(collect)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}
