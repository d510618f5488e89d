import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QualysAuthError, QualysHttpError, QualysResponseError } from '#shared/qualys/errors.js';
import { createTokenProvider, type TokenProviderOptions } from '#shared/qualys/token-provider.js';
import type { QualysCredential } from '#shared/qualys/types.js';
import { fakeJwt, fakeTime } from './support/fakes.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const AUTH = '/auth';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A provider logging in at the scripted gateway, with fake time and a counted secret read. */
function setup(overrides: Partial<TokenProviderOptions> = {}, password = 'pa55 w+rd&x') {
  const time = fakeTime();
  const credentials = vi.fn(
    async (): Promise<QualysCredential> => ({
      username: 'collector',
      password,
      gatewayUrl: `${server.url}/`,
    }),
  );
  const tokens = createTokenProvider({ credentials, clock: time.clock, ...overrides });
  return { tokens, time, credentials };
}

describe('token provider', () => {
  it('hands out a ready token without calling /auth', async () => {
    const tokens = createTokenProvider({ credentials: async () => ({ token: 'ready' }) });

    await expect(tokens.token()).resolves.toBe('ready');
    expect(server.requests).toHaveLength(0);
  });

  it('logs in with a form POST to <gateway>/auth and returns the plain-text JWT', async () => {
    // arrange
    server.script(AUTH, { status: 201, body: 'jwt-1\n' });
    const { tokens } = setup();

    // act
    const token = await tokens.token();

    // assert
    expect(token).toBe('jwt-1');
    const [request] = server.requestsTo(AUTH);
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      username: 'collector',
      password: 'pa55 w+rd&x',
      token: 'true',
    });
  });

  it('accepts a 200 as well as a 201', async () => {
    server.script(AUTH, { status: 200, body: 'jwt-200' });

    await expect(setup().tokens.token()).resolves.toBe('jwt-200');
  });

  it('keeps the JWT and the credential for later calls', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    const { tokens, credentials } = setup();

    const tokensSeen = [await tokens.token(), await tokens.token(), await tokens.token()];

    expect(tokensSeen).toEqual(['jwt-1', 'jwt-1', 'jwt-1']);
    expect(server.requestsTo(AUTH)).toHaveLength(1);
    expect(credentials).toHaveBeenCalledTimes(1);
  });

  it('renews a JWT the margin before the expiry its exp claim states', async () => {
    // arrange: a JWT that expires in one hour, renewed 10 minutes before
    const { tokens, time } = setup();
    const exp = Math.floor(time.clock().getTime() / 1000) + 3600;
    server.script(AUTH, { status: 201, body: fakeJwt({ exp }, 'a') }, { body: 'jwt-2' });
    await tokens.token();

    // act
    time.advance(50 * MINUTE_MS - 1);
    const beforeMargin = await tokens.token();
    time.advance(1);
    const atMargin = await tokens.token();

    // assert
    expect(beforeMargin).toBe(fakeJwt({ exp }, 'a'));
    expect(atMargin).toBe('jwt-2');
    expect(server.requestsTo(AUTH)).toHaveLength(2);
  });

  it('assumes four hours for a JWT without an exp claim', async () => {
    server.script(AUTH, { status: 201, body: 'opaque-1' }, { status: 201, body: 'opaque-2' });
    const { tokens, time } = setup({ renewMarginMs: 5 * MINUTE_MS });
    await tokens.token();

    time.advance(4 * HOUR_MS - 5 * MINUTE_MS - 1);
    const beforeMargin = await tokens.token();
    time.advance(1);
    const atMargin = await tokens.token();

    expect([beforeMargin, atMargin]).toEqual(['opaque-1', 'opaque-2']);
  });

  it('lets concurrent callers share one /auth request', async () => {
    // arrange: a slow gateway, so every caller arrives while the login is in flight
    server.script(AUTH, { status: 201, body: 'jwt-1', delayMs: 50 });
    const { tokens } = setup();

    // act
    const tokensSeen = await Promise.all(Array.from({ length: 5 }, () => tokens.token()));

    // assert
    expect(tokensSeen).toEqual(Array(5).fill('jwt-1'));
    expect(server.requestsTo(AUTH)).toHaveLength(1);
  });

  it('fails with QualysAuthError on a 401 from /auth, without echoing the password', async () => {
    server.script(AUTH, { status: 401, body: (request) => `bad login: ${request.body}` });
    const { tokens } = setup();

    const failure = await tokens.token().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QualysAuthError);
    expect((failure as Error).message).toMatch(/rejected the username and password \(401\)/);
    expect((failure as Error).message).not.toContain('pa55');
  });

  it('drops an invalidated JWT and reads the secret again for the next one', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    const { tokens, credentials } = setup();
    const first = await tokens.token();

    tokens.invalidate(first);
    const second = await tokens.token();

    expect(second).toBe('jwt-2');
    expect(credentials).toHaveBeenCalledTimes(2);
  });

  it('ignores the invalidation of a token that was already replaced', async () => {
    server.script(AUTH, { status: 201, body: 'jwt-1' }, { status: 201, body: 'jwt-2' });
    const { tokens } = setup();
    const first = await tokens.token();
    tokens.invalidate(first);
    await tokens.token();

    tokens.invalidate(first);

    await expect(tokens.token()).resolves.toBe('jwt-2');
    expect(server.requestsTo(AUTH)).toHaveLength(2);
  });

  it('reads the secret again once when /auth rejects a cached, rotated password', async () => {
    // arrange: the first login works; later the password changes in the secret
    let password = 'old-password';
    const credentials = vi.fn(async () => ({ username: 'u', password, gatewayUrl: server.url }));
    const time = fakeTime();
    const tokens = createTokenProvider({ credentials, clock: time.clock });
    server.script(AUTH, { status: 201, body: 'jwt-1' });
    await tokens.token();
    server.reset();
    server.script(AUTH, { status: 401 }, { status: 201, body: 'jwt-2' });
    password = 'new-password';

    // act: the JWT runs out and is renewed with the cached, now stale, password
    time.advance(5 * HOUR_MS);
    const token = await tokens.token();

    // assert
    expect(token).toBe('jwt-2');
    const sent = server.requestsTo(AUTH).map((r) => new URLSearchParams(r.body).get('password'));
    expect(sent).toEqual(['old-password', 'new-password']);
  });

  it('reads a ready token again after it is invalidated, picking up a rotated one', async () => {
    const credentials = vi
      .fn<() => Promise<QualysCredential>>()
      .mockResolvedValueOnce({ token: 'ready-1' })
      .mockResolvedValueOnce({ token: 'ready-2' });
    const tokens = createTokenProvider({ credentials });

    tokens.invalidate(await tokens.token());

    await expect(tokens.token()).resolves.toBe('ready-2');
  });

  it('fails with QualysResponseError when /auth answers something not a token', async () => {
    server.script(AUTH, { status: 200, body: '<html><body>Sign in</body></html>' });

    await expect(setup().tokens.token()).rejects.toThrow(QualysResponseError);
  });

  it('reports a rate-limited /auth as a QualysHttpError with the stated wait', async () => {
    server.script(AUTH, { status: 429, headers: { 'X-RateLimit-ToWait-Sec': '4' } });

    const failure = await setup()
      .tokens.token()
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QualysHttpError);
    expect(failure).toMatchObject({ status: 429, waitMs: 4000 });
  });

  it('tries again on the next call after a failed renewal', async () => {
    server.script(AUTH, { status: 500 }, { status: 201, body: 'jwt-1' });
    const { tokens } = setup();

    await expect(tokens.token()).rejects.toThrow(QualysHttpError);
    await expect(tokens.token()).resolves.toBe('jwt-1');
  });
});
