import { afterEach, describe, expect, it } from 'vitest';
import {
  createQualysSimulator,
  type QualysSimulator,
  type SimulatorOptions,
} from '#local/qualys-simulator/simulator.js';

const COUNT_QUERY = '/ioc/v1/events/count/time-buckets?fromDate=1764134321&toDate=1764145121';
const NOW = Date.UTC(2025, 10, 27) / 1000;
const FOUR_HOURS = 4 * 3600;

const running: QualysSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

async function start(options: SimulatorOptions = {}) {
  const time = { nowSeconds: NOW };
  const simulator = await createQualysSimulator({
    clock: () => new Date(time.nowSeconds * 1000),
    ...options,
  });
  running.push(simulator);
  return { simulator, time };
}

function auth(simulator: QualysSimulator, fields: Record<string, string>): Promise<Response> {
  return fetch(`${simulator.url}/auth`, { method: 'POST', body: new URLSearchParams(fields) });
}

async function tokenFrom(simulator: QualysSimulator): Promise<string> {
  return (await auth(simulator, { username: 'local', password: 'local', token: 'true' })).text();
}

function countWith(simulator: QualysSimulator, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  return fetch(`${simulator.url}${COUNT_QUERY}`, { headers });
}

function claims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /auth', () => {
  it('answers good credentials with 201 and a plain-text JWT that expires in 4 hours', async () => {
    // Arrange
    const { simulator } = await start({ credentials: { username: 'ana', password: 's3cret' } });

    // Act
    const answer = await auth(simulator, { username: 'ana', password: 's3cret', token: 'true' });

    // Assert
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe('text/plain');
    const jwt = await answer.text();
    expect(jwt.split('.')).toHaveLength(3);
    expect(claims(jwt)).toMatchObject({ sub: 'ana', iat: NOW, exp: NOW + FOUR_HOURS });
  });

  it('answers a wrong password with 401', async () => {
    // Arrange
    const { simulator } = await start();

    // Act
    const answer = await auth(simulator, { username: 'local', password: 'nope', token: 'true' });

    // Assert
    expect(answer.status).toBe(401);
  });

  it('answers a form without token=true with 400 saying so', async () => {
    // Arrange
    const { simulator } = await start();

    // Act
    const answer = await auth(simulator, { username: 'local', password: 'local' });

    // Assert
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('token=true');
  });
});

describe('bearer tokens on the count endpoints', () => {
  it('accepts an issued token until it expires, then answers 401', async () => {
    // Arrange
    const { simulator, time } = await start();
    const token = await tokenFrom(simulator);

    // Act
    const fresh = await countWith(simulator, `Bearer ${token}`);
    time.nowSeconds = NOW + FOUR_HOURS - 1;
    const almost = await countWith(simulator, `Bearer ${token}`);
    time.nowSeconds = NOW + FOUR_HOURS;
    const expired = await countWith(simulator, `Bearer ${token}`);

    // Assert
    expect([fresh.status, almost.status, expired.status]).toEqual([200, 200, 401]);
  });

  it('answers 401 without a token, with a foreign token, and after a revocation', async () => {
    // Arrange
    const { simulator } = await start();
    const token = await tokenFrom(simulator);
    const { simulator: stranger } = await start();
    const foreign = await tokenFrom(stranger);

    // Act
    const missing = await countWith(simulator);
    const unknown = await countWith(simulator, `Bearer ${foreign}`);
    simulator.control.expireTokens();
    const revoked = await countWith(simulator, `Bearer ${token}`);
    const renewed = await countWith(simulator, `Bearer ${await tokenFrom(simulator)}`);

    // Assert
    expect([missing.status, unknown.status, revoked.status]).toEqual([401, 401, 401]);
    expect(renewed.status).toBe(200);
  });

  it('always accepts the static token', async () => {
    // Arrange
    const { simulator, time } = await start({ staticToken: 'ready-made' });

    // Act
    simulator.control.expireTokens();
    time.nowSeconds += 30 * 86_400;
    const answer = await countWith(simulator, 'Bearer ready-made');

    // Assert
    expect(answer.status).toBe(200);
  });

  it('never writes the password or a token to its log', async () => {
    // Arrange
    const lines: string[] = [];
    const { simulator } = await start({
      credentials: { username: 'local', password: 'pa55word' },
      log: (line) => lines.push(line),
    });

    // Act
    const answer = await auth(simulator, {
      username: 'local',
      password: 'pa55word',
      token: 'true',
    });
    const token = await answer.text();
    await countWith(simulator, `Bearer ${token}`);

    // Assert
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/GET \/ioc\/v1\/events\/count\/time-buckets\?.* 200 /);
    expect(lines.join('\n')).not.toContain('pa55word');
    expect(lines.join('\n')).not.toContain(token);
  });
});
