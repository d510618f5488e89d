import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { QualysCredentialError } from './errors.js';
import type { CredentialSource, QualysCredential } from './types.js';

/** Printable ASCII without spaces: the only characters an Authorization header value can hold. */
const headerSafe = z.string().regex(/^[\x21-\x7e]+$/);

/** A ready bearer token. */
export const tokenCredentialSchema = z.strictObject({ token: headerSafe });

/** Credentials with which the token provider obtains a JWT from the gateway's `/auth`. */
export const passwordCredentialSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
  /** The platform's gateway, e.g. https://gateway.qg1.apps.qualys.com (see DESIGN.md). */
  gatewayUrl: z.url({ protocol: /^https?$/ }),
});

const USAGE = 'store either {"token": "<bearer token>"} or {"username", "password", "gatewayUrl"}';

/**
 * Checks a credential's shape. Problems name fields (through `label`) and never values: the
 * input is a secret, so even zod's own messages are not passed on.
 */
export function parseCredential(
  input: unknown,
  label: (field: string) => string = (field) => field,
): { credential: QualysCredential } | { problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { problems: ['is not a JSON object'] };
  }
  const schema = 'token' in input ? tokenCredentialSchema : passwordCredentialSchema;
  const result = schema.safeParse(input);
  if (result.success) return { credential: result.data };

  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unexpected ${issue.keys.map(label).join(', ')}`;
    }
    const field = label(String(issue.path[0]));
    if (!(String(issue.path[0]) in input)) return `missing ${field}`;
    if (issue.code === 'invalid_type') return `${field} is not a string`;
    if (issue.code === 'too_small') return `${field} is empty`;
    if (issue.code === 'invalid_format' && issue.format === 'url') {
      return `${field} is not an http(s) URL`;
    }
    if (issue.code === 'invalid_format') {
      return `${field} holds characters a header cannot carry (spaces, control or non-ASCII)`;
    }
    return `${field} is invalid`;
  });
  return { problems };
}

/**
 * Reads the credential from a Secrets Manager secret on every call. The caller's token
 * provider caches it for the life of the process and calls again only after a 401, so a rotated
 * secret is picked up without a cold start. The SDK client is used directly rather than
 * Powertools' SecretsProvider because the token provider already decides when to read; a second
 * cache underneath would have to be bypassed with `forceFetch` on exactly the reads that matter.
 */
export function secretsManagerCredentials(
  client: SecretsManagerClient,
  secretId: string,
): CredentialSource {
  return async function readQualysSecret() {
    let text: string | undefined;
    try {
      const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      text = answer.SecretString;
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown error';
      throw new QualysCredentialError(
        `could not read the Qualys secret ${secretId} (${reason}); check that it exists and ` +
          'that this function may call secretsmanager:GetSecretValue on it',
        { cause: error },
      );
    }
    if (text === undefined) {
      throw new QualysCredentialError(
        `the Qualys secret ${secretId} has no SecretString (binary secrets are not read); ${USAGE}`,
      );
    }

    // JSON.parse's message quotes the text it choked on, so its error is dropped, not wrapped.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new QualysCredentialError(`the Qualys secret ${secretId} is not JSON; ${USAGE}`);
    }
    const parsed = parseCredential(json);
    if ('problems' in parsed) {
      const problems = parsed.problems.join('; ');
      throw new QualysCredentialError(`the Qualys secret ${secretId}: ${problems}; ${USAGE}`);
    }
    return parsed.credential;
  };
}

const ENV_NAMES: Readonly<Record<string, string>> = {
  token: 'QUALYS_TOKEN',
  username: 'QUALYS_USERNAME',
  password: 'QUALYS_PASSWORD',
  gatewayUrl: 'QUALYS_GATEWAY_URL',
};

/**
 * The credential from the environment, for the local stack: `QUALYS_TOKEN`, or
 * `QUALYS_USERNAME` + `QUALYS_PASSWORD` + `QUALYS_GATEWAY_URL`. Validated now, so a bad
 * environment fails at start with a ConfigError naming the variables.
 */
export function environmentCredentials(
  env: Readonly<Record<string, string | undefined>>,
): CredentialSource {
  const input = Object.fromEntries(
    Object.entries(ENV_NAMES)
      .map(([field, variable]) => [field, env[variable]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  if (Object.keys(input).length === 0) {
    throw new ConfigError(
      'no Qualys credential in the environment: set QUALYS_TOKEN, or QUALYS_USERNAME, ' +
        'QUALYS_PASSWORD and QUALYS_GATEWAY_URL',
    );
  }

  const parsed = parseCredential(input, (field) => ENV_NAMES[field] ?? field);
  if ('problems' in parsed) {
    throw new ConfigError(
      `invalid Qualys credential in the environment: ${parsed.problems.join('; ')}; set ` +
        'QUALYS_TOKEN alone, or QUALYS_USERNAME, QUALYS_PASSWORD and QUALYS_GATEWAY_URL',
    );
  }
  const { credential } = parsed;
  return async () => credential;
}
