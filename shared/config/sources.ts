import { z } from 'zod';

/** A source name: a Qualys subscription as this service knows it. */
export const sourceName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, - or _');

/** One Qualys subscription the collector reads. */
export const sourceSchema = z.strictObject({
  name: sourceName,
  /** API base URL of the Qualys platform, e.g. https://gateway.qg1.apps.qualys.com. */
  qualysBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Secrets Manager secret name or ARN holding the Qualys credential. */
  secretId: z.string().min(1),
});

export type SourceConfig = z.output<typeof sourceSchema>;

/** The list of sources, names unique. */
export const sourcesSchema = z
  .array(sourceSchema)
  .min(1)
  .refine((sources) => new Set(sources.map((s) => s.name)).size === sources.length, {
    message: 'source names must be unique',
  });

/** An environment variable listing source names, comma-separated (at least one). */
export const sourceNamesVar = z
  .string()
  .transform((text) => text.split(',').map((name) => name.trim()))
  .pipe(z.array(sourceName).min(1));
