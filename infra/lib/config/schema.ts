import { z } from 'zod';
import { anomalySettingsSchema } from '#shared/anomaly/settings.js';
import { sourceName, sourceSchema } from '#shared/config/sources.js';

/**
 * The service's CDK context (`edrCountHistory` in cdk.json), one strict schema: an unknown key
 * is a typo and fails synth. Bounds match the functions' environment schemas in shared/config,
 * and the stacks re-check each function's environment with its own schema at synth.
 */

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

/** A complete Secrets Manager ARN ends in the 6-character suffix Secrets Manager adds. */
const COMPLETE_SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/** One Qualys subscription to collect: the collector's source plus how it is scheduled. */
export const contextSourceSchema = sourceSchema
  .extend({
    /**
     * Minutes between two collector runs for this source.
     * @default collection.intervalMinutes
     */
    scheduleMinutes: whole(1, 60).optional(),
    /**
     * ARN of the KMS key that encrypts the secret, when it is not the AWS managed
     * `aws/secretsmanager` key; the collector is granted kms:Decrypt on it.
     * @default the AWS managed key (no grant needed)
     */
    secretKmsKeyArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/, 'expected a KMS key ARN')
      .optional(),
  })
  .refine(
    (source) => !source.secretId.startsWith('arn:') || COMPLETE_SECRET_ARN.test(source.secretId),
    {
      path: ['secretId'],
      message:
        'an ARN must be the complete one, ending in the 6-character suffix (copy it from the ' +
        'console), or give the secret name instead',
    },
  );

/** How and how often the collector reads Qualys. */
export const collectionSchema = z
  .strictObject({
    /** @default 5 minutes between runs, for every source without its own scheduleMinutes */
    intervalMinutes: whole(1, 60).default(5),
    /** Minutes re-read on every run because events reach Qualys late. @default 15 */
    settlingMinutes: whole(0, 1440).default(15),
    /** Minutes asked of Qualys per call. @default 120 */
    chunkMinutes: whole(1, 10_080).default(120),
    /** Most minutes one run fetches; a long outage is caught up over runs. @default 10080 */
    maxMinutesPerRun: whole(1, 525_600).default(10_080),
    /** How far back a restatement pass re-reads. @default 24 hours */
    restatementHours: whole(0, 720).default(24),
    /** How often a restatement pass runs; 0 turns it off. @default 360 minutes */
    restatementEveryMinutes: whole(0, 10_080).default(360),
    /** Where history starts on a source's first run. @default one day before that run */
    historyStart: z.iso.datetime({ offset: true }).optional(),
    /** Attempts per Qualys call, the first included. @default 6 */
    qualysMaxAttempts: whole(1, 20).default(6),
    /** Timeout of one Qualys call in milliseconds. @default 30000 */
    qualysTimeoutMs: whole(1000, 300_000).default(30_000),
    /** Collector function timeout; the lease is set 60 s longer. @default 900 (Lambda's most) */
    timeoutSeconds: whole(60, 900).default(900),
    /** @default 512 */
    memoryMb: whole(128, 10_240).default(512),
  })
  .refine((c) => (c.qualysMaxAttempts * c.qualysTimeoutMs) / 1000 <= c.timeoutSeconds - 60, {
    path: ['timeoutSeconds'],
    message:
      'qualysMaxAttempts × qualysTimeoutMs must fit in timeoutSeconds with 60 s to spare, or ' +
      'one slow Qualys call can outlive the run; lower the attempts or the call timeout',
  });

/** API Gateway cache sizes in GB, as API Gateway names them. */
export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;

/** What API Gateway does with an unauthorised `Cache-Control: max-age=0`. */
export const UNAUTHORIZED_CACHE_CONTROL = [
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
] as const;

/** An AWS account id, or the ARN of an account root, role or user in one. */
const principal = z
  .string()
  .regex(
    /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+))$/,
    'expected a 12-digit account id or an IAM root, role or user ARN',
  );

/** The cached, authenticated, throttled REST API. */
export const apiSchema = z
  .strictObject({
    /** How callers authenticate: IAM SigV4, or an API key with a usage plan. @default 'iam' */
    auth: z.enum(['iam', 'apiKey']).default('iam'),
    /** With `iam`: other accounts or roles allowed by the API's resource policy. @default [] */
    allowedPrincipals: z.array(principal).default([]),
    /** With `apiKey`: one key is created per consumer name, all in one usage plan. @default [] */
    consumers: z.array(sourceName).default([]),
    /** Stage cache lifetime (API Gateway's most is 3600). @default one collection interval */
    cacheTtlSeconds: whole(0, 3600).optional(),
    /** Stage cache size in GB. @default '0.5' */
    cacheSizeGb: z.enum(CACHE_SIZES).default('0.5'),
    /** Steady requests per second across all callers. @default 50 */
    throttleRateLimit: z.number().positive().max(10_000).default(50),
    /** Burst of requests across all callers. @default 100 */
    throttleBurstLimit: whole(1, 5000).default(100),
    /** With `apiKey`: requests per key per day. @default no quota */
    quotaPerDay: whole(1, 1_000_000_000).optional(),
    /** Client cache lifetime of answers that may still change. @default one collection interval */
    freshMaxAgeSeconds: whole(0, 3600).optional(),
    /** Client cache lifetime of answers over settled history. @default 3600 */
    settledMaxAgeSeconds: whole(0, 86_400).default(3600),
    /** Answer to an unauthorised cache invalidation. @default 'SUCCEED_WITH_RESPONSE_HEADER' */
    unauthorizedCacheControl: z
      .enum(UNAUTHORIZED_CACHE_CONTROL)
      .default('SUCCEED_WITH_RESPONSE_HEADER'),
    /** Create the API Gateway CloudWatch role (one per account and region). @default false */
    createCloudWatchRole: z.boolean().default(false),
    /** @default 1024 (more memory is more CPU: a faster cold start) */
    memoryMb: whole(128, 10_240).default(1024),
  })
  .refine((api) => api.auth === 'apiKey' || api.consumers.length === 0, {
    path: ['consumers'],
    message: 'consumers get API keys, which only exist with auth "apiKey"; set auth or remove them',
  })
  .refine((api) => api.auth === 'iam' || api.allowedPrincipals.length === 0, {
    path: ['allowedPrincipals'],
    message: 'allowedPrincipals only apply with auth "iam"; set auth or remove them',
  });

/** Who is told, and when. */
export const alertsSchema = z.strictObject({
  /** Address subscribed to the notification topic (it must confirm). @default none */
  email: z.email().optional(),
  /** Collection intervals without a successful run before it counts as stalled. @default 3 */
  staleAfterIntervals: whole(1, 288).default(3),
  /** Minutes between two stale-data watchdog runs of the anomaly function. @default 15 */
  watchdogMinutes: whole(1, 1440).default(15),
  /** Anomaly detector settings by source name (shared/anomaly/settings.ts). @default {} */
  anomalySettings: z.record(sourceName, anomalySettingsSchema).default({}),
  /** @default 300 */
  anomalyTimeoutSeconds: whole(10, 900).default(300),
  /** @default 512 */
  anomalyMemoryMb: whole(128, 10_240).default(512),
});

/** CloudWatch Logs retention periods that CloudFormation accepts, in days. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** The whole `edrCountHistory` context object. */
export const serviceContextSchema = z
  .strictObject({
    /** The Qualys subscriptions to collect; at least one, names unique. */
    sources: z.array(contextSourceSchema).min(1),
    collection: collectionSchema.prefault({}),
    api: apiSchema.prefault({}),
    alerts: alertsSchema.prefault({}),
    table: z
      .strictObject({
        /** AWS-owned key (free) or a customer managed key created here. @default 'aws-owned' */
        encryption: z.enum(['aws-owned', 'customer-managed']).default('aws-owned'),
      })
      .prefault({}),
    /** Retention of every log group, in days. @default 30 */
    logRetentionDays: z
      .number()
      .refine((days) => (RETENTION_DAYS as readonly number[]).includes(days), {
        message: `use one of ${RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
  })
  .refine((c) => new Set(c.sources.map((s) => s.name)).size === c.sources.length, {
    path: ['sources'],
    message: 'source names must be unique',
  })
  .refine(
    (c) =>
      c.sources.every(
        (s) =>
          (s.scheduleMinutes ?? c.collection.intervalMinutes) * c.alerts.staleAfterIntervals <=
          1440,
      ),
    {
      path: ['alerts', 'staleAfterIntervals'],
      message:
        "a source's schedule × staleAfterIntervals must be at most 1440 minutes, the longest " +
        'a CloudWatch alarm looks back; lower it or schedule the source more often',
    },
  )
  .refine(
    (c) => Object.keys(c.alerts.anomalySettings).every((n) => c.sources.some((s) => s.name === n)),
    {
      path: ['alerts', 'anomalySettings'],
      message: 'every key must be the name of a source in sources',
    },
  );

export type ServiceContext = z.output<typeof serviceContextSchema>;

/** A stage name: part of every stack name, so short and lower case. */
export const stageSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,19}$/,
    'use 1-20 lower-case letters, digits or -, starting with a letter',
  );
