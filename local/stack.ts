import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createAnomalyHandler } from '#functions/anomaly/app.js';
import { createApiHandler } from '#functions/api/app.js';
import { createCollectorHandler } from '#functions/collector/app.js';
import {
  ANOMALY_DETECTED,
  ANOMALY_RESOLVED,
  type AnomalyNotification,
} from '#shared/anomaly/notification.js';
import { COUNTS_COLLECTED } from '#shared/collector/event.js';
import { qualysClients } from '#shared/collector/qualys-clients.js';
import type { RunResult } from '#shared/collector/run.js';
import { anomalyEnv } from '#shared/config/anomaly.js';
import { apiEnv } from '#shared/config/api.js';
import { collectorEnv } from '#shared/config/collector.js';
import { DynamoAlertStore } from '#shared/history/dynamo-alerts.js';
import { DynamoHistoryStore } from '#shared/history/dynamo-store.js';
import type { CredentialSource } from '#shared/qualys/types.js';
import { type Clock, isoSeconds, systemClock } from '#shared/time.js';
import { startLocalApi } from './api-server.js';
import { startLocalDynamo } from './dynamo-server.js';
import { createLocalEventBus, type LocalEventBus } from './event-bus.js';
import { localContext } from './lambda/context.js';
import {
  createQualysSimulator,
  type QualysSimulator,
  type SimulatorOptions,
} from './qualys-simulator/simulator.js';

/** Where the local collector reads counts: the simulator, or a real Qualys platform. */
export type LocalQualys =
  | { kind: 'simulator'; options?: SimulatorOptions }
  | { kind: 'real'; baseUrl: string; credentials: CredentialSource };

/** Options of the local stack. */
export interface LocalStackOptions {
  /** API port; 0 picks a free one. */
  port: number;
  /** Where history starts (epoch seconds). */
  historyStart: number;
  qualys: LocalQualys;
  /** Name of the one source collected locally. @default 'local' */
  sourceName?: string;
  /** dynalite folder; in memory when omitted. */
  dataDir?: string;
  /** Stage cache lifetime of the local API (seconds). @default 60 */
  cacheTtlSeconds?: number;
  /** Collector and API variables beyond the local defaults (e.g. SETTLING_MINUTES). */
  env?: Record<string, string>;
  /** Shared by the simulator and the functions; tests move it by hand. @default systemClock */
  clock?: Clock;
  /** Called when a bus target fails (the anomaly function, say). */
  onBusError?: (error: unknown) => void;
  /** Receives each anomaly notification, as the SNS topic would. @default prints it */
  onNotification?: (notification: AnomalyNotification) => void;
}

/** A running local stack. */
export interface LocalStack {
  apiUrl: string;
  sourceName: string;
  store: DynamoHistoryStore;
  bus: LocalEventBus;
  simulator?: QualysSimulator;
  /** Invokes the collector function once, as the schedule would. */
  collect(): Promise<RunResult[]>;
  /** Invokes the anomaly function as its watchdog schedule would (for stalled collection). */
  watch(): Promise<unknown>;
  close(): Promise<void>;
}

const TABLE_NAME = 'edr-count-history';

/**
 * Starts the whole service on this machine: dynalite with the table, the Qualys simulator
 * (unless a real Qualys is given), the collector and API functions (the very handlers that run
 * in Lambda, with local transports), and the in-process event bus.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const clock = options.clock ?? systemClock;
  const sourceName = options.sourceName ?? 'local';
  const dynamo = await startLocalDynamo(TABLE_NAME, options.dataDir);
  const store = new DynamoHistoryStore({ client: dynamo.client, tableName: TABLE_NAME });
  const bus = createLocalEventBus(options.onBusError ?? ((error) => console.error(error)));

  const simulator =
    options.qualys.kind === 'simulator'
      ? await createQualysSimulator({ clock, ...options.qualys.options })
      : undefined;
  const baseUrl = simulator?.url ?? (options.qualys.kind === 'real' ? options.qualys.baseUrl : '');
  const credentials: CredentialSource =
    options.qualys.kind === 'real'
      ? options.qualys.credentials
      : async () => ({ username: 'local', password: 'local', gatewayUrl: baseUrl });

  const shared = { TABLE_NAME, SETTLING_MINUTES: '15', ...options.env };
  const collectorVariables = collectorEnv({
    EVENT_BUS_NAME: 'local',
    SOURCES: JSON.stringify([{ name: sourceName, qualysBaseUrl: baseUrl, secretId: 'local' }]),
    HISTORY_START: isoSeconds(options.historyStart),
    ...shared,
  });
  const collectorLogger = new Logger({ serviceName: 'collector' });
  const collector = createCollectorHandler({
    env: collectorVariables,
    store,
    qualysFor: qualysClients({
      credentialsFor: () => credentials,
      maxAttempts: collectorVariables.QUALYS_MAX_ATTEMPTS,
      timeoutMs: collectorVariables.QUALYS_TIMEOUT_MS,
      logger: collectorLogger,
    }),
    publisher: bus.publisher,
    clock,
    logger: collectorLogger,
    metrics: new Metrics({ namespace: 'local', serviceName: 'collector' }),
  });

  const api = createApiHandler({
    store,
    env: apiEnv({
      SOURCE_NAMES: sourceName,
      // As in AWS: an answer that can still change holds for one collection interval.
      FRESH_MAX_AGE_SECONDS: String(options.cacheTtlSeconds ?? 60),
      ...shared,
    }),
    logger: new Logger({ serviceName: 'api' }),
    metrics: new Metrics({ namespace: 'local', serviceName: 'api' }),
  });
  const anomaly = createAnomalyHandler({
    env: anomalyEnv({ EVENT_BUS_NAME: 'local', SOURCE_NAMES: sourceName, ...shared }),
    store,
    alerts: new DynamoAlertStore(dynamo.client, TABLE_NAME),
    publisher: bus.publisher,
    clock,
    logger: new Logger({ serviceName: 'anomaly' }),
    metrics: new Metrics({ namespace: 'local', serviceName: 'anomaly' }),
  });
  bus.on(COUNTS_COLLECTED, (event) => anomaly(event, localContext('anomaly')));
  const notify = options.onNotification ?? ((n: AnomalyNotification) => console.log(n.message));
  for (const type of [ANOMALY_DETECTED, ANOMALY_RESOLVED]) {
    bus.on(type, async (event) => notify(event.detail as AnomalyNotification));
  }

  const server = await startLocalApi({
    port: options.port,
    handler: api,
    cacheTtlSeconds: options.cacheTtlSeconds ?? 60,
  });

  return {
    apiUrl: server.url,
    sourceName,
    store,
    bus,
    ...(simulator === undefined ? {} : { simulator }),
    collect: () => collector({ source: sourceName }, localContext('collector', 900_000)),
    watch: () => anomaly({ 'detail-type': 'Scheduled Event', detail: {} }, localContext('anomaly')),
    async close() {
      await server.close();
      await bus.drain();
      await simulator?.close();
      await dynamo.close();
    },
  };
}
