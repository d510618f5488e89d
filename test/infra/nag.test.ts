import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '#infra/lib/config/read-context.js';
import { addServiceStacks } from '#infra/lib/service-app.js';
import { createApp, type SynthOptions } from './fixtures.js';

/** Configurations that add or remove resources cdk-nag has rules about. */
const VARIANTS: Record<string, SynthOptions> = {
  "cdk.json's development stage": {},
  "cdk.json's production stage": { stage: 'prod' },
  'API keys, an e-mail subscriber and the API Gateway CloudWatch role': {
    changes: {
      api: { auth: 'apiKey', consumers: ['team-a'], quotaPerDay: 1000, createCloudWatchRole: true },
      alerts: { email: 'soc@example.com' },
    },
  },
  'other accounts on the API and a secret given by ARN with its own key': {
    changes: {
      api: { allowedPrincipals: ['111122223333'] },
      sources: [
        {
          name: 'eu',
          qualysBaseUrl: 'https://gateway.qg1.apps.qualys.eu',
          secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:qualys/eu-AbC123',
          secretKmsKeyArn:
            'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
    },
  },
};

/** Every acknowledgment in the app: construct path, rule id and the reason given. */
function acknowledgments(root: IConstruct) {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
          path: construct.node.path,
          rule,
          reason,
        })),
      ),
  );
}

const synthesised = new Map<SynthOptions, App>();

/** The app of a variant, synthesised once for all the tests that look at it. */
function synthesisedApp(options: SynthOptions): App {
  const cached = synthesised.get(options);
  if (cached !== undefined) return cached;
  const app = createApp(options);
  addServiceStacks(
    app,
    readServiceConfig((key) => app.node.tryGetContext(key)),
  );
  app.synth();
  synthesised.set(options, app);
  return app;
}

describe('cdk-nag AwsSolutions checks', () => {
  it.each(Object.entries(VARIANTS))('leaves no finding unacknowledged with %s', (_, options) => {
    // Arrange
    const app = synthesisedApp(options);

    // Act
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assert
    const findings = report.violations.map(
      (violation) =>
        `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath)}`,
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgment a reason that explains it', () => {
    const found = Object.values(VARIANTS).flatMap((options) =>
      acknowledgments(synthesisedApp(options)),
    );

    expect(found.length).toBeGreaterThan(0);
    for (const { path, rule, reason } of found) {
      expect(reason.length, `${rule} at ${path}`).toBeGreaterThan(40);
    }
  });
});
