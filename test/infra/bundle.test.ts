import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatBundleSizes, measureBundles } from '#infra/lib/bundle-sizes.js';
import { readServiceConfig } from '#infra/lib/config/read-context.js';
import { addChecks, addServiceStacks } from '#infra/lib/service-app.js';
import { createApp } from './fixtures.js';

describe('a synth with real esbuild bundling, as `npx cdk synth` runs it', () => {
  // Arrange and act once: bundling the three functions is the slow part of these tests.
  const app = createApp({ bundle: true });
  addServiceStacks(
    app,
    readServiceConfig((key) => app.node.tryGetContext(key)),
  );
  addChecks(app);
  const assembly = app.synth();
  const sizes = measureBundles(app, assembly.directory);

  it('bundles each function into one ESM file with a linked source map', () => {
    expect(sizes.map((size) => size.path.split('/')[1])).toEqual([
      'Collector',
      'CountsApi',
      'AnomalyDetector',
    ]);
    for (const size of sizes) {
      expect(size.bundleBytes, size.path).toBeGreaterThan(0);
      expect(size.sourceMapBytes, size.path).toBeGreaterThan(0);
    }
  });

  it('starts every bundle with the require shim and bundles the AWS SDK, not imports it', () => {
    for (const size of sizes) {
      const code = readFileSync(size.file, 'utf8');

      expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    }
  });

  it('prints one size line per function', () => {
    const text = formatBundleSizes(sizes);

    expect(text.split('\n')).toHaveLength(1 + sizes.length);
    expect(text).toMatch(
      /EdrCountHistoryService\/Collector\/Handler\/Function\s+index\.mjs\s+[\d.]+ KiB/,
    );
  });
});
