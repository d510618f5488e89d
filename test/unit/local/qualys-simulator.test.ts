import { afterEach, describe, expect, it } from 'vitest';
import {
  createQualysSimulator,
  type QualysSimulator,
  type SimulatorOptions,
} from '#local/qualys-simulator/simulator.js';
import { SEED_KEYS, SEED_QUERY } from '#test/support/seed-sample.js';

const COUNT_PATH = '/ioc/v1/events/count/time-buckets';
/** 2025-11-26T10:00:00Z, a Wednesday. */
const WEDNESDAY_10AM = Date.UTC(2025, 10, 26, 10) / 1000;

const running: QualysSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

/** A simulator whose clock the test moves by setting `time.nowSeconds`. */
async function start(options: SimulatorOptions = {}, nowSeconds = WEDNESDAY_10AM) {
  const time = { nowSeconds };
  const simulator = await createQualysSimulator({
    clock: () => new Date(time.nowSeconds * 1000),
    ...options,
  });
  running.push(simulator);
  return { simulator, time };
}

async function tokenFrom(simulator: QualysSimulator, password = 'local'): Promise<Response> {
  const form = new URLSearchParams({ username: 'local', password, token: 'true' });
  return fetch(`${simulator.url}/auth`, { method: 'POST', body: form });
}

async function count(simulator: QualysSimulator, token: string, query: string, path = COUNT_PATH) {
  return fetch(`${simulator.url}${path}?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

function sum(counts: readonly { count: number }[]): number {
  return counts.reduce((total, minute) => total + minute.count, 0);
}

describe('the count endpoints', () => {
  it("answers the seed's sample request with the seed's five keys on both paths", async () => {
    // Arrange: a day later, every event of the sample's range has arrived.
    const { simulator } = await start({}, WEDNESDAY_10AM + 86_400);
    const token = await (await tokenFrom(simulator)).text();

    // Act
    const versioned = await count(simulator, token, SEED_QUERY);
    const plain = await count(simulator, token, SEED_QUERY, '/ioc/events/count/time-buckets');

    // Assert
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('content-type')).toBe('application/json');
    const answer = (await versioned.json()) as Record<string, number>;
    expect(Object.keys(answer)).toEqual(SEED_KEYS);
    expect(await plain.json()).toEqual(answer);
    // Whole-minute buckets hold exactly the truth of their minutes.
    const secondBucket = simulator.control.truth(1764134640, 1764134640 + 2160);
    expect(answer[SEED_KEYS[1] ?? '']).toBe(sum(secondBucket));
  });

  it('gives the same answers for the same seed and different ones for another', async () => {
    // Arrange
    const first = (await start({ seed: 7 })).simulator;
    const again = (await start({ seed: 7 })).simulator;
    const other = (await start({ seed: 8 })).simulator;
    const from = WEDNESDAY_10AM - 7200;
    const query = `fromDate=${from}&toDate=${from + 3600}&bucketCount=60`;

    // Act
    const answers = await Promise.all(
      [first, again, other].map(async (simulator) => {
        const token = await (await tokenFrom(simulator)).text();
        return (await count(simulator, token, query)).json();
      }),
    );

    // Assert
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).not.toEqual(answers[0]);
  });

  it("shows a minute's events growing as they arrive, up to the truth", async () => {
    // Arrange: an hour of minutes, with a generous share of very late events.
    const options = { arrivalLagSeconds: 600, lateShare: 0.1, lateMaxSeconds: 7200 };
    const { simulator, time } = await start(options);
    const token = await (await tokenFrom(simulator)).text();
    const from = WEDNESDAY_10AM;
    const query = `fromDate=${from}&toDate=${from + 3600}&bucketCount=60`;
    const truth = simulator.control.truth(from, from + 3600);

    // Act: ask at the start of the hour, then ever later.
    const seen: number[][] = [];
    for (const later of [0, 1800, 3600 + 60, 3600 + 660, 3600 + 3600, 3600 + 7260]) {
      time.nowSeconds = from + later;
      const answer = (await (await count(simulator, token, query)).json()) as object;
      seen.push(Object.values(answer));
    }

    // Assert
    expect(seen[0]).toEqual(new Array(60).fill(0));
    for (let step = 1; step < seen.length; step += 1) {
      seen[step]?.forEach((visible, minute) => {
        expect(visible).toBeGreaterThanOrEqual(seen[step - 1]?.[minute] ?? 0);
      });
    }
    const totals = seen.map((counts) => counts.reduce((total, value) => total + value, 0));
    // After the lag most, but not all, events are in: the rest come within two hours.
    expect(totals[3]).toBeLessThan(sum(truth));
    expect(totals[3]).toBeGreaterThan(0.8 * sum(truth));
    expect(seen.at(-1)).toEqual(truth.map((minute) => minute.count));
  });

  it('answers bad parameters with a 400 that names each problem', async () => {
    // Arrange
    const { simulator } = await start();
    const token = await (await tokenFrom(simulator)).text();

    // Act
    const answer = await count(simulator, token, 'fromDate=1764134321000&toDate=1764145121');

    // Assert
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { problems: { parameter: string; message: string }[] };
    expect(body.problems[0]?.parameter).toBe('fromDate');
    expect(body.problems[0]?.message).toContain('milliseconds');
  });

  it('refuses a range longer than it will compute', async () => {
    // Arrange
    const { simulator } = await start({ maxRangeMinutes: 1440 });
    const token = await (await tokenFrom(simulator)).text();

    // Act
    const answer = await count(simulator, token, 'fromDate=1764000000&toDate=1764200000');

    // Assert
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await answer.json())).toContain('at most 1440');
  });

  it('counts requests per path', async () => {
    // Arrange
    const { simulator } = await start();
    const token = await (await tokenFrom(simulator)).text();

    // Act
    await count(simulator, token, SEED_QUERY);
    await count(simulator, token, SEED_QUERY);
    const unknown = await fetch(`${simulator.url}/nowhere`);

    // Assert
    expect(unknown.status).toBe(404);
    expect(simulator.control.stats().requests).toEqual({
      '/auth': 1,
      [COUNT_PATH]: 2,
      '/nowhere': 1,
    });
  });
});

describe('anomalies', () => {
  it('multiplies the truth inside a spike, zeroes it inside a silence, nowhere else', async () => {
    // Arrange
    const { simulator } = await start();
    const from = WEDNESDAY_10AM - 7200;
    const before = simulator.control.truth(from, from + 3600);

    // Act
    simulator.control.injectAnomaly({
      kind: 'spike',
      fromSeconds: from + 600,
      toSeconds: from + 1200,
      factor: 3,
    });
    simulator.control.injectAnomaly({
      kind: 'silence',
      fromSeconds: from + 1800,
      toSeconds: from + 2400,
    });
    const after = simulator.control.truth(from, from + 3600);

    // Assert
    after.forEach(({ minute, count: changed }, index) => {
      const original = before[index]?.count ?? 0;
      if (minute >= from + 600 && minute < from + 1200) expect(changed).toBe(original * 3);
      else if (minute >= from + 1800 && minute < from + 2400) expect(changed).toBe(0);
      else expect(changed).toBe(original);
    });
    simulator.control.clearAnomalies();
    expect(simulator.control.truth(from, from + 3600)).toEqual(before);
  });

  it('takes anomalies over HTTP and answers counts with them', async () => {
    // Arrange
    const { simulator } = await start();
    const token = await (await tokenFrom(simulator)).text();
    const from = WEDNESDAY_10AM - 7200;
    const query = `fromDate=${from}&toDate=${from + 600}&bucketCount=1`;
    const quiet = (await (await count(simulator, token, query)).json()) as object;
    const anomaly = { kind: 'spike', fromSeconds: from, toSeconds: from + 600 };

    // Act
    const posted = await fetch(`${simulator.url}/_simulator/anomalies`, {
      method: 'POST',
      body: JSON.stringify(anomaly),
    });
    const spiked = (await (await count(simulator, token, query)).json()) as object;

    // Assert
    expect(posted.status).toBe(201);
    expect(simulator.control.anomalies()).toEqual([anomaly]);
    const [quietCount = 0] = Object.values(quiet);
    const [spikedCount = 0] = Object.values(spiked);
    expect(spikedCount).toBe(quietCount * 10);
  });

  it('rejects an anomaly whose range is backwards', async () => {
    // Arrange
    const { simulator } = await start();

    // Act
    const posted = await fetch(`${simulator.url}/_simulator/anomalies`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'silence', fromSeconds: 20, toSeconds: 10 }),
    });

    // Assert
    expect(posted.status).toBe(400);
    expect(JSON.stringify(await posted.json())).toContain('fromSeconds must be before toSeconds');
  });
});
