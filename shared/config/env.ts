import { z } from 'zod';
import { ConfigError } from '../errors.js';

/**
 * Validates a function's environment once, at cold start, and fails fast with one message that
 * names every bad variable. Variables the schema does not name are left alone (the Lambda
 * runtime sets many); the schema itself rejects unknown keys inside JSON values.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
}

/** An environment variable holding a whole number within bounds, with a default. */
export function intVar(defaultValue: number, min: number, max: number) {
  return z.coerce.number().int().min(min).max(max).default(defaultValue);
}

/** An environment variable holding JSON that must match `schema`. */
export function jsonVar<T extends z.ZodType>(schema: T) {
  return z.string().transform((text, context): z.output<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  });
}
