import { describe, expect, it } from 'vitest';
import { CONFIG_KEY, readServiceConfig } from '#infra/lib/config/read-context.js';
import { ConfigError } from '#shared/errors.js';
import { cdkJsonContext, serviceContext } from './fixtures.js';

/** A context reader over a plain object, as `node.tryGetContext` reads cdk.json. */
function reader(context: Record<string, unknown>) {
  return (key: string) => context[key];
}

/** The ConfigError message `read` throws; fails the test when nothing is thrown. */
function problemOf(context: Record<string, unknown>): string {
  try {
    readServiceConfig(reader(context));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the context to be rejected');
}

describe('readServiceConfig', () => {
  it("reads cdk.json's context as a development stage with every default applied", () => {
    // Arrange
    const context = cdkJsonContext();

    // Act
    const config = readServiceConfig(reader(context));

    // Assert
    expect(config.stage).toBe('dev');
    expect(config.isDev).toBe(true);
    expect(config.sources).toEqual([
      {
        name: 'example',
        qualysBaseUrl: 'https://gateway.qg1.apps.qualys.com',
        secretId: 'edr-count-history/qualys/example',
        scheduleMinutes: 5,
      },
    ]);
    expect(config.api.cacheTtlSeconds).toBe(300);
    expect(config.api.freshMaxAgeSeconds).toBe(300);
    expect(config.collection.leaseSeconds).toBe(config.collection.timeoutSeconds + 60);
  });

  it("merges the stage's own object over the shared settings", () => {
    // Arrange
    const context = { ...cdkJsonContext(), stage: 'prod' };

    // Act
    const config = readServiceConfig(reader(context));

    // Assert
    expect(config.isDev).toBe(false);
    expect(config.table.encryption).toBe('customer-managed');
    expect(config.logRetentionDays).toBe(365);
    expect(config.api.auth).toBe('iam');
  });

  it('reads an object passed on the command line as JSON text', () => {
    // Arrange
    const json = JSON.stringify(serviceContext({ api: { auth: 'apiKey', consumers: ['team-a'] } }));

    // Act
    const config = readServiceConfig(reader({ [CONFIG_KEY]: json }));

    // Assert
    expect(config.api.auth).toBe('apiKey');
    expect(config.api.consumers).toEqual(['team-a']);
  });

  it('rejects a misspelt key, naming where it is and how to fix it', () => {
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ api: { cacheTTL: 60 } }) });

    expect(message).toContain('edrCountHistory.api: unknown key "cacheTTL"');
    expect(message).toContain('Fix: correct its spelling or remove it');
  });

  it('rejects a cache TTL above what API Gateway allows, with the value seen and the bound', () => {
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ api: { cacheTtlSeconds: 7200 } }) });

    expect(message).toContain('edrCountHistory.api.cacheTtlSeconds');
    expect(message).toContain('got 7200');
    expect(message).toContain('<=3600');
    expect(message).toContain('Fix: change edrCountHistory.api.cacheTtlSeconds in cdk.json');
    expect(message).toContain('edrCountHistory:dev for this stage only');
  });

  it('lists every bad value in one error', () => {
    const message = problemOf({
      [CONFIG_KEY]: serviceContext({ logRetentionDays: 10, collection: { chunkMinutes: 0 } }),
    });

    expect(message).toContain('invalid context (2 problems)');
    expect(message).toContain('edrCountHistory.logRetentionDays');
    expect(message).toContain('edrCountHistory.collection.chunkMinutes');
  });

  it('rejects a secret ARN without its 6-character suffix', () => {
    const partialArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:qualys';
    const source = { name: 'eu', qualysBaseUrl: 'https://gateway.qg1.apps.qualys.eu' };
    const message = problemOf({
      [CONFIG_KEY]: serviceContext({ sources: [{ ...source, secretId: partialArn }] }),
    });

    expect(message).toContain('edrCountHistory.sources.0.secretId');
    expect(message).toContain('complete one');
  });

  it('rejects API-key consumers when callers authenticate with IAM', () => {
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ api: { consumers: ['team-a'] } }) });

    expect(message).toContain('edrCountHistory.api.consumers');
    expect(message).toContain('auth "apiKey"');
  });

  it('rejects a Qualys retry budget that does not fit in the collector timeout', () => {
    const collection = { timeoutSeconds: 120, qualysMaxAttempts: 6, qualysTimeoutMs: 30_000 };
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ collection }) });

    expect(message).toContain('edrCountHistory.collection.timeoutSeconds');
    expect(message).toContain('qualysMaxAttempts × qualysTimeoutMs');
  });

  it('rejects anomaly settings for a source that is not collected', () => {
    const alerts = { anomalySettings: { nowhere: { sensitivity: 0.5 } } };
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ alerts }) });

    expect(message).toContain('edrCountHistory.alerts.anomalySettings');
    expect(message).toContain('name of a source');
  });

  it('rejects anomaly settings the detector would refuse, naming the key', () => {
    const alerts = { anomalySettings: { example: { sensitivty: 0.5 } } };
    const message = problemOf({ [CONFIG_KEY]: serviceContext({ alerts }) });

    expect(message).toContain('edrCountHistory.alerts.anomalySettings.example');
    expect(message).toContain('sensitivty');
  });

  it('rejects a stage name that cannot be part of a stack name', () => {
    const message = problemOf({ ...cdkJsonContext(), stage: 'Prod_1' });

    expect(message).toContain('stage = "Prod_1"');
    expect(message).toContain('-c stage=prod');
  });

  it('says where the settings belong when they are missing altogether', () => {
    const message = problemOf({ stage: 'dev' });

    expect(message).toContain('edrCountHistory is not set');
  });
});
