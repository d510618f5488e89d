import { type Clock, systemClock } from '../time.js';
import {
  QualysAuthError,
  QualysHttpError,
  QualysResponseError,
  redactedExcerpt,
} from './errors.js';
import { type Fetch, send } from './http.js';
import { jwtExpiryMs } from './jwt.js';
import { statedWaitMs } from './stated-wait.js';
import type { CredentialSource, QualysCredential, TokenProvider } from './types.js';

/** How the token provider obtains, caches and renews Qualys bearer tokens. */
export interface TokenProviderOptions {
  /** Where the credential comes from; read once, and again only after a 401. */
  credentials: CredentialSource;
  /** @default globalThis.fetch */
  fetch?: Fetch;
  /** @default systemClock */
  clock?: Clock;
  /** How long before its expiry a JWT is renewed. @default 600_000 (10 minutes) */
  renewMarginMs?: number;
  /** Lifetime assumed for a JWT without an `exp` claim. @default 14_400_000 (4 hours) */
  assumedLifetimeMs?: number;
  /** Timeout of one `/auth` call. @default 30_000 */
  timeoutMs?: number;
}

interface HeldToken {
  token: string;
  renewAtMs: number;
}

/** Header-safe characters only: an answer with anything else is not a token. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/**
 * A TokenProvider over a credential source. A ready token is handed out as is. Username and
 * password are exchanged for a JWT at `POST <gatewayUrl>/auth`, cached, and renewed a margin
 * before it expires; concurrent callers share one renewal. After `invalidate`, the next call
 * reads the credential again, so a rotated secret is picked up without a restart.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const fetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const renewMarginMs = options.renewMarginMs ?? 600_000;
  const assumedLifetimeMs = options.assumedLifetimeMs ?? 14_400_000;
  const timeoutMs = options.timeoutMs ?? 30_000;

  let credential: QualysCredential | undefined;
  let held: HeldToken | undefined;
  let renewal: Promise<HeldToken> | undefined;

  async function readCredential(fresh: boolean): Promise<QualysCredential> {
    if (fresh || credential === undefined) credential = await options.credentials();
    return credential;
  }

  async function obtain(current: QualysCredential): Promise<HeldToken> {
    if ('token' in current) return { token: current.token, renewAtMs: Number.POSITIVE_INFINITY };

    const token = await requestJwt(current, fetch, timeoutMs, clock);
    const nowMs = clock().getTime();
    const expiresAtMs = jwtExpiryMs(token) ?? nowMs + assumedLifetimeMs;
    // A token that lives less than twice the margin is renewed halfway, not on every call.
    const marginMs = Math.min(renewMarginMs, Math.max(0, (expiresAtMs - nowMs) / 2));
    return { token, renewAtMs: expiresAtMs - marginMs };
  }

  async function renew(): Promise<HeldToken> {
    const wasCached = credential !== undefined;
    try {
      return await obtain(await readCredential(false));
    } catch (error) {
      // A password rotated since the secret was read shows as a 401: read it again, once.
      if (!(error instanceof QualysAuthError) || !wasCached) throw error;
      return obtain(await readCredential(true));
    }
  }

  return {
    async token() {
      if (held !== undefined && clock().getTime() < held.renewAtMs) return held.token;
      renewal ??= renew()
        .then((fresh) => {
          held = fresh;
          return fresh;
        })
        .finally(() => {
          renewal = undefined;
        });
      return (await renewal).token;
    },

    invalidate(rejected) {
      if (held?.token !== rejected) return;
      held = undefined;
      credential = undefined;
    },
  };
}

async function requestJwt(
  credential: { username: string; password: string; gatewayUrl: string },
  fetch: Fetch,
  timeoutMs: number,
  clock: Clock,
): Promise<string> {
  const url = `${credential.gatewayUrl.replace(/\/+$/, '')}/auth`;
  const form = new URLSearchParams({
    username: credential.username,
    password: credential.password,
    token: 'true',
  });
  const answer = await send(
    fetch,
    url,
    { method: 'POST', body: form, headers: { Accept: 'text/plain' } },
    timeoutMs,
    'the Qualys token request',
  );

  if (answer.status === 401) {
    throw new QualysAuthError(
      `the Qualys gateway ${url} rejected the username and password (401); put the right ` +
        'ones in the secret (and check that gatewayUrl is the gateway of your platform)',
    );
  }
  if (answer.status !== 200 && answer.status !== 201) {
    // The form encodes the password, so a server echoing the request shows it in both forms.
    const encoded = new URLSearchParams({ p: credential.password }).toString().slice(2);
    const excerpt = redactedExcerpt(answer.body, [credential.password, encoded]);
    throw new QualysHttpError(
      `the Qualys gateway ${url} answered ${answer.status} to the token request: "${excerpt}"`,
      answer.status,
      statedWaitMs(answer.headers, answer.body, clock().getTime()),
    );
  }

  const token = answer.body.trim();
  if (!TOKEN_PATTERN.test(token)) {
    throw new QualysResponseError(
      `the Qualys gateway ${url} answered ${answer.status} but its body (${token.length} ` +
        'characters) is not a token; check that gatewayUrl is the gateway of your platform',
    );
  }
  return token;
}
