/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy --all` from the repository root (cdk.json
 * runs it with tsx). Context values are described in docs/deploy.md.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '#shared/errors.js';
import { formatBundleSizes, measureBundles } from '../lib/bundle-sizes.js';
import { readServiceConfig } from '../lib/config/read-context.js';
import { addChecks, addServiceStacks } from '../lib/service-app.js';

const app = new App();

try {
  const config = readServiceConfig((key) => app.node.tryGetContext(key));
  addServiceStacks(app, config, {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  });
  addChecks(app);

  const assembly = app.synth();
  process.stderr.write(`${formatBundleSizes(measureBundles(app, assembly.directory))}\n`);
} catch (error) {
  // A bad context value is the operator's to fix: the message says how; a stack trace would
  // only bury it.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
