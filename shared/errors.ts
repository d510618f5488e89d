/**
 * Errors of the domain. One class per problem; each message says what was wrong, the value
 * seen and how to fix it. `functions/api/errors.ts` is the one place that maps them to HTTP.
 */

/** One reason a request was rejected: which parameter, what was given, how to fix it. */
export interface RequestProblem {
  parameter: string;
  value?: string;
  message: string;
  fix: string;
}

/** A bucket request that cannot be answered as asked (HTTP 400). */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';

  constructor(readonly problems: readonly RequestProblem[]) {
    super(problems.map((problem) => `${problem.parameter}: ${problem.message}`).join('; '));
  }
}

/** Configuration (environment, context) that fails its schema; raised at start-up. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
