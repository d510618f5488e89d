/**
 * Errors of the Qualys client, one class per problem. None of them ever carries a token, an
 * Authorization header or a password: messages name fields, statuses and endpoints, never values
 * read from the secret, and response excerpts pass through `redact` first.
 */

/** The Qualys credential could not be read, or the secret does not hold a valid one. */
export class QualysCredentialError extends Error {
  override readonly name = 'QualysCredentialError';
}

/** Qualys refused the credential: `/auth` answered 401, or a fresh token got a second 401. */
export class QualysAuthError extends Error {
  override readonly name = 'QualysAuthError';
}

/** Qualys answered with a body that is not what the endpoint documents; nothing is written. */
export class QualysResponseError extends Error {
  override readonly name = 'QualysResponseError';
}

/** Qualys answered with a status other than success; `waitMs` is the wait it asked for, if any. */
export class QualysHttpError extends Error {
  override readonly name = 'QualysHttpError';

  constructor(
    message: string,
    readonly status: number,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/** The call to Qualys did not complete: a network failure, or no answer within the timeout. */
export class QualysConnectionError extends Error {
  override readonly name = 'QualysConnectionError';

  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Retries are exhausted or the deadline is near; `cause` is the last attempt's error. */
export class QualysUnavailableError extends Error {
  override readonly name = 'QualysUnavailableError';
}

const EXCERPT_CHARS = 200;

/**
 * A short, single-line excerpt of a response body for an error message, with every secret in
 * `secrets` masked, in case a server echoes what it was sent.
 */
export function redactedExcerpt(text: string, secrets: readonly string[]): string {
  let excerpt = text;
  for (const secret of secrets) {
    if (secret.length > 0) excerpt = excerpt.split(secret).join('[redacted]');
  }
  excerpt = excerpt.replace(/\s+/g, ' ').trim();
  return excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS)}...` : excerpt;
}
