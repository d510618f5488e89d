import type { z } from 'zod';
import { ConfigError } from '#shared/errors.js';
import { serviceContextSchema, stageSchema } from './schema.js';
import { resolveServiceConfig, type ServiceConfig } from './service-config.js';

/** Context key of the stage name. */
export const STAGE_KEY = 'stage';

/** Context key of the service's settings; `<key>:<stage>` holds a stage's overrides. */
export const CONFIG_KEY = 'edrCountHistory';

/** Where an operator reads what each context value means. */
const DOCS = 'docs/deploy.md, "Context values"';

/** Reads one context value, as `node.tryGetContext` does. */
export type ContextReader = (key: string) => unknown;

/**
 * Reads, merges and validates the service's context: `stage` (default `dev`), the
 * `edrCountHistory` object, and the optional `edrCountHistory:<stage>` object whose values
 * override it (objects merge, anything else is replaced).
 * @throws ConfigError naming every bad value, the value seen and how to fix it.
 */
export function readServiceConfig(read: ContextReader): ServiceConfig {
  const stageValue = read(STAGE_KEY) ?? 'dev';
  const stage = stageSchema.safeParse(stageValue);
  if (!stage.success) {
    throw new ConfigError(
      `invalid context: ${STAGE_KEY} = ${show(stageValue)}: ${stage.error.issues[0]?.message}. ` +
        `Fix: pass -c ${STAGE_KEY}=prod (or dev) on the command line.`,
    );
  }

  const overrideKey = `${CONFIG_KEY}:${stage.data}`;
  const merged = merge(
    parseValue(CONFIG_KEY, read(CONFIG_KEY)),
    parseValue(overrideKey, read(overrideKey)),
  );
  if (merged === undefined) {
    throw new ConfigError(
      `missing context: ${CONFIG_KEY} is not set. Fix: run from the repository root, whose ` +
        `cdk.json holds it, or add it there (see ${DOCS}).`,
    );
  }

  const result = serviceContextSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(issue, merged, overrideKey));
    throw new ConfigError(
      `invalid context (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
  }
  return resolveServiceConfig(stage.data, result.data);
}

/** `cdk -c key=value` hands values over as strings; objects then arrive as JSON text. */
function parseValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new ConfigError(
      `invalid context: ${key} is not a JSON object (got ${show(value)}). Fix: quote it as ` +
        `JSON, e.g. -c '${key}={"api":{"auth":"apiKey"}}'.`,
      { cause },
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; `over` wins, arrays and scalars are replaced whole. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isObject(base) || !isObject(over)) return over;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    result[key] = merge(base[key], value);
  }
  return result;
}

/** One line per problem: the context key, the value seen, what is wrong, and the fix. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, overrideKey: string): string {
  const path = [CONFIG_KEY, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${path}: unknown key ${keys}. Fix: correct its spelling or remove it (see ${DOCS}).`;
  }
  const value = valueAt(input, issue.path);
  const seen = value === undefined ? 'missing' : `got ${show(value)}`;
  const where = `cdk.json (in ${CONFIG_KEY}, or in ${overrideKey} for this stage only)`;
  return `${path}: ${issue.message} (${seen}). Fix: change ${path} in ${where}; see ${DOCS}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
