import { afterEach, describe, expect, it } from 'vitest';
import {
  createQualysSimulator,
  type Fault,
  type QualysSimulator,
} from '#local/qualys-simulator/simulator.js';

const COUNT_PATH = '/ioc/v1/events/count/time-buckets';
const QUERY = 'fromDate=1764134340&toDate=1764134640&bucketCount=5';
const NOW = Date.UTC(2025, 10, 27) / 1000;

const running: QualysSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

async function start(): Promise<QualysSimulator> {
  const simulator = await createQualysSimulator({
    clock: () => new Date(NOW * 1000),
    staticToken: 'test-token',
  });
  running.push(simulator);
  return simulator;
}

function count(simulator: QualysSimulator): Promise<Response> {
  return fetch(`${simulator.url}${COUNT_PATH}?${QUERY}`, {
    headers: { Authorization: 'Bearer test-token' },
  });
}

async function statuses(simulator: QualysSimulator, calls: number): Promise<number[]> {
  const seen: number[] = [];
  for (let call = 0; call < calls; call += 1) seen.push((await count(simulator)).status);
  return seen;
}

describe('faults', () => {
  it.each([
    [{ kind: 'unauthorized' }, 401],
    [{ kind: 'rateLimited' }, 429],
    [{ kind: 'concurrency409' }, 409],
    [{ kind: 'serverError' }, 500],
    [{ kind: 'serverError', status: 503 }, 503],
  ] as [Fault, number][])('answers %j with %i once, then counts again', async (fault, status) => {
    // Arrange
    const simulator = await start();

    // Act
    simulator.control.inject(fault);
    const seen = await statuses(simulator, 2);

    // Assert
    expect(seen).toEqual([status, 200]);
    expect(simulator.control.stats().faults).toEqual({ [fault.kind]: 1 });
  });

  it('applies a fault to as many calls as its times says', async () => {
    // Arrange
    const simulator = await start();

    // Act
    simulator.control.inject({ kind: 'serverError', status: 502, times: 3 });
    const seen = await statuses(simulator, 4);

    // Assert
    expect(seen).toEqual([502, 502, 502, 200]);
  });

  it('applies queued faults one after another, and forgets them when cleared', async () => {
    // Arrange
    const simulator = await start();
    simulator.control.inject({ kind: 'rateLimited', times: 2 });
    simulator.control.inject({ kind: 'unauthorized' });

    // Act
    const first = await statuses(simulator, 3);
    simulator.control.inject({ kind: 'rateLimited', times: 5 });
    simulator.control.clearFaults();
    const afterClear = await statuses(simulator, 1);

    // Assert
    expect(first).toEqual([429, 429, 401]);
    expect(afterClear).toEqual([200]);
  });

  it('states the wait of a 429 in X-RateLimit-ToWait-Sec beside the limit headers', async () => {
    // Arrange
    const simulator = await start();
    simulator.control.inject({ kind: 'rateLimited', waitSeconds: 7 });
    simulator.control.inject({ kind: 'rateLimited', withWaitHeader: false });

    // Act
    const withWait = await count(simulator);
    const withoutWait = await count(simulator);

    // Assert
    expect(withWait.headers.get('x-ratelimit-towait-sec')).toBe('7');
    expect(withWait.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(withWait.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(withWait.headers.get('x-ratelimit-window-sec')).not.toBeNull();
    expect(withoutWait.headers.get('x-ratelimit-towait-sec')).toBeNull();
  });

  it('states the wait of a 409 only in its body', async () => {
    // Arrange
    const simulator = await start();
    simulator.control.inject({ kind: 'concurrency409', waitSeconds: 42 });

    // Act
    const answer = await count(simulator);

    // Assert
    expect(await answer.text()).toContain('cannot be run again for another 42 seconds');
    expect(answer.headers.get('x-ratelimit-towait-sec')).toBeNull();
    expect(answer.headers.get('x-concurrency-limit-limit')).toBe('2');
  });

  it('answers correctly but late when slow', async () => {
    // Arrange
    const simulator = await start();
    const expected = await (await count(simulator)).json();
    simulator.control.inject({ kind: 'slow', delayMs: 200 });

    // Act
    const startedMs = performance.now();
    const answer = await count(simulator);
    const body = await answer.json();
    const tookMs = performance.now() - startedMs;

    // Assert
    expect(tookMs).toBeGreaterThanOrEqual(190);
    expect(body).toEqual(expected);
  });

  it('closes promptly while a slow answer is pending', async () => {
    // Arrange
    const simulator = await start();
    simulator.control.inject({ kind: 'slow', delayMs: 60_000 });
    const pending = count(simulator).catch((error: unknown) => error);

    // Act
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedMs = performance.now();
    await simulator.close();

    // Assert
    expect(performance.now() - startedMs).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('spoils the body in each malformed shape', async () => {
    // Arrange
    const simulator = await start();
    const good = (await (await count(simulator)).json()) as Record<string, number>;
    for (const shape of ['notJson', 'wrongShape', 'missingMinute'] as const) {
      simulator.control.inject({ kind: 'malformed', shape });
    }

    // Act
    const [notJson, wrongShape, missingMinute] = [
      await (await count(simulator)).text(),
      await (await count(simulator)).text(),
      await (await count(simulator)).text(),
    ];

    // Assert
    expect(() => JSON.parse(notJson)).toThrow(SyntaxError);
    expect(JSON.parse(wrongShape)).toEqual({
      data: Object.entries(good).map(([key, value]) => ({ key, count: value })),
    });
    const missing = JSON.parse(missingMinute) as Record<string, number>;
    expect(Object.keys(missing)).toHaveLength(Object.keys(good).length - 1);
    expect(Object.keys(good)).toEqual(expect.arrayContaining(Object.keys(missing)));
  });

  it('rejects a fault that does not match its schema, naming the problem', async () => {
    // Arrange
    const simulator = await start();

    // Act
    const inject = () => simulator.control.inject({ kind: 'slow', delayMs: -5 });

    // Assert
    expect(inject).toThrow(/delayMs/);
    expect(simulator.control.pendingFaults()).toEqual([]);
  });
});

describe('the HTTP control endpoint for faults', () => {
  it('queues a posted fault, lists it, and clears it on DELETE', async () => {
    // Arrange
    const simulator = await start();
    const faults = `${simulator.url}/_simulator/faults`;
    const fault = { kind: 'rateLimited', waitSeconds: 3, times: 2 };

    // Act
    const posted = await fetch(faults, { method: 'POST', body: JSON.stringify(fault) });
    const firstCall = (await count(simulator)).status;
    const listed = (await (await fetch(`${simulator.url}/_simulator`)).json()) as object;
    const deleted = await fetch(faults, { method: 'DELETE' });
    const afterDelete = (await count(simulator)).status;

    // Assert
    expect(posted.status).toBe(201);
    expect(firstCall).toBe(429);
    expect(listed).toMatchObject({ faults: [{ fault, remaining: 1 }] });
    expect(deleted.status).toBe(200);
    expect(afterDelete).toBe(200);
  });

  it('answers a body that is not a fault with 400 and queues nothing', async () => {
    // Arrange
    const simulator = await start();
    const faults = `${simulator.url}/_simulator/faults`;

    // Act
    const notJson = await fetch(faults, { method: 'POST', body: '{kind:' });
    const unknown = await fetch(faults, { method: 'POST', body: '{"kind":"meteor"}' });

    // Assert
    expect([notJson.status, unknown.status]).toEqual([400, 400]);
    expect(JSON.stringify(await unknown.json())).toContain('kind');
    expect(simulator.control.pendingFaults()).toEqual([]);
  });

  it('revokes every token on POST /_simulator/tokens/expire', async () => {
    // Arrange
    const simulator = await start();
    const form = new URLSearchParams({ username: 'local', password: 'local', token: 'true' });
    const token = await (
      await fetch(`${simulator.url}/auth`, { method: 'POST', body: form })
    ).text();

    // Act
    await fetch(`${simulator.url}/_simulator/tokens/expire`, { method: 'POST' });
    const answer = await fetch(`${simulator.url}${COUNT_PATH}?${QUERY}`, {
      headers: { Authorization: `Bearer ${token}` },
    });

    // Assert
    expect(answer.status).toBe(401);
  });
});
