import { inspect } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQualysClient } from '#shared/qualys/client.js';
import { environmentCredentials, secretsManagerCredentials } from '#shared/qualys/credential.js';
import { createTokenProvider } from '#shared/qualys/token-provider.js';
import type { QualysCredential } from '#shared/qualys/types.js';
import { FROM, fakeTime } from './support/fakes.js';
import {
  type ScriptedReply,
  type ScriptedServer,
  startScriptedServer,
} from './support/scripted-server.js';

const TOKEN = 'TOKEN-CANARY-7f3a9c';
const JWT = 'JWT-CANARY-d41d8c';
const PASSWORD = 'PW-CANARY+9/x&y%z';
/** Every form in which a secret could show: as is, form-encoded, URI-encoded. */
const SECRETS = [
  TOKEN,
  JWT,
  PASSWORD,
  new URLSearchParams({ p: PASSWORD }).toString().slice(2),
  encodeURIComponent(PASSWORD),
];
const TIME_BUCKETS = '/ioc/v1/events/count/time-buckets';

/** Everything an error could expose: message, stack and properties, down the cause chain. */
function exposedBy(error: unknown): string {
  const parts = [inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  for (let current = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '', JSON.stringify(current));
  }
  return parts.join('\n');
}

/** Echoes what the client sent: headers and body, the way a careless server might. */
const echo = (status: number, headers: Record<string, string> = {}): ScriptedReply => ({
  status,
  headers,
  // The secrets first: excerpts are cut short, and a leak must not hide behind the cut.
  body: (request) =>
    `${request.body} ${request.headers.authorization} ${JSON.stringify(request.headers)}`,
});

const API_FAILURES: [string, ScriptedReply][] = [
  ['a 429 to the end', echo(429, { 'X-RateLimit-ToWait-Sec': '1' })],
  ['a 409 to the end', echo(409)],
  ['a 500 to the end', echo(500)],
  ['a 400', echo(400)],
  ['a 403', echo(403)],
  ['a 401 twice', echo(401)],
  ['no answer', { hang: true }],
  ['a body that is not JSON', echo(200)],
  [
    'a key that is the token',
    { body: (r) => JSON.stringify({ [`${r.headers.authorization}`]: 1 }) },
  ],
  ['a count that is the token', { body: (r) => JSON.stringify({ k: r.headers.authorization }) }],
];

let server: ScriptedServer;
const written: string[] = [];
/** What the server received, kept across resets to show the secrets did travel. */
const received: string[] = [];

function resetServer(): void {
  received.push(...server.requests.map((r) => `${JSON.stringify(r.headers)} ${r.body}`));
  server.reset();
}
const logger = new Logger({ serviceName: 'leak-test', logLevel: 'DEBUG' });
const secretsManager = mockClient(SecretsManagerClient);

beforeAll(async () => {
  server = await startScriptedServer();
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

/** Runs one collection over `credential` against `reply`; returns the error it ends with. */
async function failureWith(
  credential: QualysCredential,
  reply: ScriptedReply,
  baseUrl = server.url,
): Promise<unknown> {
  resetServer();
  server.script('/auth', { status: 201, body: JWT });
  server.script(TIME_BUCKETS, reply);
  const time = fakeTime();
  const tokens = createTokenProvider({ credentials: async () => credential, clock: time.clock });
  const client = createQualysClient({
    baseUrl,
    tokens,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    timeoutMs: 300,
    retry: { maxAttempts: 2 },
    logger,
  });
  const failure = await client.fetchMinuteCounts(FROM, FROM + 120).catch((error: unknown) => error);
  logger.error('collection failed', failure as Error);
  return failure;
}

describe('secrets never leak', () => {
  it('detects a secret hidden deep in a cause chain (the check itself can fail)', () => {
    const hidden = new Error('outer', { cause: new Error('inner', { cause: { note: TOKEN } }) });

    expect(exposedBy(hidden)).toContain(TOKEN);
  });

  it('keeps token, JWT and password out of every error and log line of every failure', async () => {
    // arrange
    const credentials: QualysCredential[] = [
      { token: TOKEN },
      { username: 'collector', password: PASSWORD, gatewayUrl: server.url },
    ];
    const exposed: string[] = [];

    // act: every API failure with both kinds of credential, then every /auth failure
    for (const credential of credentials) {
      for (const [, reply] of API_FAILURES) {
        exposed.push(exposedBy(await failureWith(credential, reply)));
      }
    }
    const login = credentials[1] ?? { token: '' };
    for (const authReply of [echo(401), echo(500), echo(200), { hang: true }]) {
      resetServer();
      server.script('/auth', authReply);
      const tokens = createTokenProvider({ credentials: async () => login, timeoutMs: 300 });
      const failure = await tokens.token().catch((error: unknown) => error);
      logger.error('login failed', failure as Error);
      exposed.push(exposedBy(failure));
    }
    const closed = await startScriptedServer();
    await closed.close();
    exposed.push(exposedBy(await failureWith({ token: TOKEN }, {}, closed.url)));

    // assert: the secrets did travel (so they could have leaked), and nothing shows them
    resetServer();
    for (const secret of [TOKEN, JWT, SECRETS[3] ?? '']) {
      expect(received.join('\n')).toContain(secret);
    }
    expect(written.join('')).toMatch(/Qualys call failed; retrying/);
    expect(exposed.filter((text) => !/Qualys\w*Error/.test(text))).toEqual([]);
    const everything = [...exposed, ...written].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it('keeps the secret out of every credential error', async () => {
    // arrange
    const secretStrings = [
      `password=${PASSWORD}`,
      JSON.stringify({ username: 'u', password: PASSWORD, gatewayUrl: PASSWORD }),
      JSON.stringify({ token: `Bearer ${TOKEN}` }),
      JSON.stringify({ token: TOKEN, password: PASSWORD }),
      JSON.stringify({ username: PASSWORD, password: 5, gatewayUrl: 'https://g' }),
    ];
    const environments = [
      { QUALYS_TOKEN: `${TOKEN} x` },
      { QUALYS_USERNAME: 'u', QUALYS_PASSWORD: PASSWORD },
      { QUALYS_TOKEN: TOKEN, QUALYS_PASSWORD: PASSWORD, QUALYS_GATEWAY_URL: 'nope' },
    ];
    const exposed: string[] = [];

    // act
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    for (const SecretString of secretStrings) {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString });
      const failure = await secretsManagerCredentials(client, 'qualys')().catch((e: unknown) => e);
      exposed.push(exposedBy(failure));
    }
    for (const env of environments) {
      exposed.push(exposedBy(captureThrow(() => environmentCredentials(env))));
    }

    // assert
    expect(exposed).toHaveLength(secretStrings.length + environments.length);
    for (const text of exposed) expect(text).toMatch(/Error/);
    for (const secret of SECRETS) expect(exposed.join('\n')).not.toContain(secret);
  });
});

function captureThrow(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
