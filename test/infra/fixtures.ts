import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CONFIG_KEY, readServiceConfig } from '#infra/lib/config/read-context.js';
import type { ServiceConfig } from '#infra/lib/config/service-config.js';
import { addServiceStacks, type ServiceStacks } from '#infra/lib/service-app.js';

/** The `context` of the repository's cdk.json: feature flags, stage and the service's settings. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
  return cdkJson.context;
}

/** cdk.json's service settings with `changes` merged over them (one level deep). */
export function serviceContext(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const base = cdkJsonContext()[CONFIG_KEY] as Record<string, Record<string, unknown>>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = base[key];
    merged[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && current
        ? { ...current, ...value }
        : value;
  }
  return merged;
}

/** What a synthesised service gives a test. */
export interface Synthesised extends ServiceStacks {
  readonly app: App;
  readonly config: ServiceConfig;
  readonly dataTemplate: Template;
  readonly serviceTemplate: Template;
}

/** Options of a test synth. */
export interface SynthOptions {
  /** Settings merged over cdk.json's (see serviceContext). @default none */
  readonly changes?: Record<string, unknown>;
  /** @default 'dev' */
  readonly stage?: string;
  /** Run esbuild for real; skipping it takes seconds off. @default false */
  readonly bundle?: boolean;
}

/** Builds the app as bin/app.ts does, from cdk.json's context, and synthesises both stacks. */
export function synthService(options: SynthOptions = {}): Synthesised {
  const app = createApp(options);
  const config = readServiceConfig((key) => app.node.tryGetContext(key));
  const stacks = addServiceStacks(app, config);
  return {
    app,
    config,
    ...stacks,
    dataTemplate: Template.fromStack(stacks.data),
    serviceTemplate: Template.fromStack(stacks.service),
  };
}

/** An app with cdk.json's context (feature flags included), so tests synthesise what CI does. */
export function createApp(options: SynthOptions = {}): App {
  return new App({
    context: {
      ...cdkJsonContext(),
      stage: options.stage ?? 'dev',
      [CONFIG_KEY]: serviceContext(options.changes),
      'aws:cdk:bundling-stacks': options.bundle ? ['**'] : [],
    },
  });
}

/** A policy statement as it appears in a template. */
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** The statements of the default policy of a function's role. */
export function roleStatements(template: Template, fn: IFunction): Statement[] {
  const policy = fn.role?.node.tryFindChild('DefaultPolicy')?.node.tryFindChild('Resource');
  if (policy === undefined) return [];
  const logicalId = Stack.of(fn).getLogicalId(policy as CfnPolicy);
  const resource = template.toJSON().Resources[logicalId];
  return resource.Properties.PolicyDocument.Statement;
}

/** Every action of a list of statements, flattened. */
export function actionsOf(statements: readonly Statement[]): string[] {
  return statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );
}

/** Every action granted by any IAM policy of a template, by policy logical id. */
export function actionsByPolicy(template: Template): Map<string, string[]> {
  const policies = template.findResources('AWS::IAM::Policy');
  return new Map(
    Object.entries(policies).map(([id, policy]) => [
      id,
      actionsOf(policy.Properties.PolicyDocument.Statement),
    ]),
  );
}
