import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/errors.js';
import { environmentCredentials, secretsManagerCredentials } from '#shared/qualys/credential.js';
import { QualysCredentialError } from '#shared/qualys/errors.js';
import { createTokenProvider } from '#shared/qualys/token-provider.js';

const SECRET_ID = 'qualys/prod';
const PASSWORD = 'hunter2-Secret';
const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'eu-west-1' });

beforeEach(() => secrets.reset());

/** What reading a secret holding `secretString` fails with (or undefined when it works). */
async function failureOf(secretString: string | undefined): Promise<unknown> {
  secrets.on(GetSecretValueCommand).resolves({ SecretString: secretString });
  return secretsManagerCredentials(client, SECRET_ID)().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Secrets Manager credentials', () => {
  it('reads a ready token', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ID }).resolves({
      SecretString: '{"token": "eyJ.abc.def"}',
    });

    await expect(secretsManagerCredentials(client, SECRET_ID)()).resolves.toEqual({
      token: 'eyJ.abc.def',
    });
  });

  it('reads a username, password and gateway', async () => {
    const credential = { username: 'u', password: PASSWORD, gatewayUrl: 'https://gw.example' };
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(credential) });

    await expect(secretsManagerCredentials(client, SECRET_ID)()).resolves.toEqual(credential);
  });

  it('is read once by the token provider, and again only after an invalidation', async () => {
    // arrange
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{"token":"t-1"}' });
    const tokens = createTokenProvider({
      credentials: secretsManagerCredentials(client, SECRET_ID),
    });

    // act
    await tokens.token();
    await tokens.token();
    const readsBefore = secrets.commandCalls(GetSecretValueCommand).length;
    tokens.invalidate(await tokens.token());
    await tokens.token();

    // assert
    expect(readsBefore).toBe(1);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['a missing gatewayUrl', { username: 'u', password: PASSWORD }, /missing gatewayUrl/],
    [
      'an empty password',
      { username: 'u', password: '', gatewayUrl: 'https://g' },
      /password is empty/,
    ],
    [
      'an unexpected field',
      { username: 'u', password: PASSWORD, gatewayUrl: 'https://g', pwd: PASSWORD },
      /unexpected pwd/,
    ],
    ['a token beside a password', { token: 'abc', password: PASSWORD }, /unexpected password/],
    ['a token with a space', { token: `Bearer ${PASSWORD}` }, /token holds characters/],
    [
      'a gateway that is not a URL',
      { username: 'u', password: PASSWORD, gatewayUrl: PASSWORD },
      /gatewayUrl is not an http\(s\) URL/,
    ],
    [
      'a number as password',
      { username: 'u', password: 42, gatewayUrl: 'https://g' },
      /not a string/,
    ],
    ['an array', [PASSWORD], /not a JSON object/],
  ])('rejects a secret with %s, naming the field but no value', async (_case, secret, problem) => {
    const failure = await failureOf(JSON.stringify(secret));

    expect(failure).toBeInstanceOf(QualysCredentialError);
    expect((failure as Error).message).toMatch(problem);
    expect((failure as Error).message).toContain(SECRET_ID);
    expect((failure as Error).message).not.toContain(PASSWORD);
  });

  it('rejects a secret that is not JSON without quoting it', async () => {
    const failure = await failureOf(`password=${PASSWORD}`);

    expect((failure as Error).message).toMatch(/is not JSON/);
    expect((failure as Error).message).not.toContain(PASSWORD);
    expect((failure as Error).cause).toBeUndefined();
  });

  it('rejects a binary secret', async () => {
    await expect(failureOf(undefined)).resolves.toMatchObject({
      name: 'QualysCredentialError',
      message: expect.stringMatching(/no SecretString/),
    });
  });

  it('says which secret could not be read and keeps the SDK error as cause', async () => {
    const notFound = new ResourceNotFoundException({ message: 'not found', $metadata: {} });
    secrets.on(GetSecretValueCommand).rejects(notFound);

    const failure = await secretsManagerCredentials(client, SECRET_ID)().catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(QualysCredentialError);
    expect((failure as Error).message).toMatch(/qualys\/prod \(ResourceNotFoundException\)/);
    expect((failure as Error).cause).toBe(notFound);
  });
});

describe('environment credentials', () => {
  it('takes QUALYS_TOKEN', async () => {
    await expect(environmentCredentials({ QUALYS_TOKEN: 'tok' })()).resolves.toEqual({
      token: 'tok',
    });
  });

  it('takes QUALYS_USERNAME, QUALYS_PASSWORD and QUALYS_GATEWAY_URL', async () => {
    const env = {
      QUALYS_USERNAME: 'u',
      QUALYS_PASSWORD: PASSWORD,
      QUALYS_GATEWAY_URL: 'https://gateway.qg1.apps.qualys.eu',
      PATH: '/usr/bin',
    };

    await expect(environmentCredentials(env)()).resolves.toEqual({
      username: 'u',
      password: PASSWORD,
      gatewayUrl: 'https://gateway.qg1.apps.qualys.eu',
    });
  });

  it.each([
    [{}, /no Qualys credential/],
    [{ QUALYS_USERNAME: 'u', QUALYS_PASSWORD: PASSWORD }, /missing QUALYS_GATEWAY_URL/],
    [{ QUALYS_TOKEN: 't', QUALYS_PASSWORD: PASSWORD }, /unexpected QUALYS_PASSWORD/],
  ])('fails at start with a ConfigError naming the variables (%o)', (env, problem) => {
    let failure: unknown;
    try {
      environmentCredentials(env);
    } catch (error) {
      failure = error;
    }

    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(problem);
    expect((failure as Error).message).not.toContain(PASSWORD);
  });
});
