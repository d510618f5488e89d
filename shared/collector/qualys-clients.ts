import type { Logger } from '@aws-lambda-powertools/logger';
import type { SourceConfig } from '../config/sources.js';
import { createQualysClient } from '../qualys/client.js';
import type { Fetch } from '../qualys/http.js';
import { createTokenProvider } from '../qualys/token-provider.js';
import type { CredentialSource, QualysCounts } from '../qualys/types.js';

/** How the collector reaches Qualys, the same in Lambda and in the local stack. */
export interface QualysClientsOptions {
  /** Where a source's credential comes from (Secrets Manager in AWS). */
  credentialsFor(source: SourceConfig): CredentialSource;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Timeout of one HTTP call (ms). */
  timeoutMs: number;
  logger?: Logger;
  fetch?: Fetch;
}

/**
 * One Qualys client per source, created on first use and kept for the life of the container,
 * so its token survives across invocations until it nears expiry.
 */
export function qualysClients(
  options: QualysClientsOptions,
): (source: SourceConfig) => QualysCounts {
  const clients = new Map<string, QualysCounts>();
  return (source) => {
    const existing = clients.get(source.name);
    if (existing !== undefined) return existing;

    const tokens = createTokenProvider({
      credentials: options.credentialsFor(source),
      timeoutMs: options.timeoutMs,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    const client = createQualysClient({
      baseUrl: source.qualysBaseUrl,
      tokens,
      timeoutMs: options.timeoutMs,
      retry: { maxAttempts: options.maxAttempts },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    clients.set(source.name, client);
    return client;
  };
}
