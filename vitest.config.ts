import { defineConfig } from 'vitest/config';

/**
 * One run covers unit, integration (real DynamoDB-compatible server started by the global
 * setup), CDK template and end-to-end tests. Timeouts are generous because CI machines have
 * two cores and the end-to-end tests run a whole local stack.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Functions log JSON and emit EMF metrics to stdout; tests that check logs capture them.
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
