import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQualysSimulator, type QualysSimulator } from '#local/qualys-simulator/simulator.js';
import { type LocalStack, startLocalStack } from '#local/stack.js';
import { manualClock } from '#test/support/fake-qualys.js';
import { SAMPLE_DAY } from '#test/support/local-stack.js';

const TOKEN = 'QUALYS-TOKEN-CANARY-5e1f0b';

describe('the Qualys token in a whole running stack', () => {
  let simulator: QualysSimulator;
  let stack: LocalStack;
  const written: string[] = [];
  const saved: { level?: string } = {};

  beforeAll(async () => {
    // Every log line of every function, at the most verbose level, is captured where it is
    // written: Powertools' Logger writes JSON lines to the process's own streams.
    saved.level = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }
    const clock = manualClock(SAMPLE_DAY + 3 * 3600);
    simulator = await createQualysSimulator({ clock, staticToken: TOKEN, lateShare: 0 });
    stack = await startLocalStack({
      port: 0,
      historyStart: SAMPLE_DAY,
      qualys: { kind: 'real', baseUrl: simulator.url, credentials: async () => ({ token: TOKEN }) },
      clock,
      onNotification: () => undefined,
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    process.env.POWERTOOLS_LOG_LEVEL = saved.level;
    await stack.close();
    await simulator.close();
  });

  it('never reaches a log line, an error or an API answer, on success or failure', async () => {
    const exposed: string[] = [];
    const expose = (error: unknown) =>
      exposed.push(inspect(error, { depth: 10, showHidden: true }));

    await stack.collect();
    simulator.control.inject({ kind: 'unauthorized', times: 2 });
    await stack.collect().catch(expose);
    simulator.control.inject({ kind: 'malformed', shape: 'wrongShape' });
    await stack.collect().catch(expose);
    for (const query of ['fromDate=1764134321&toDate=1764145121&bucketCount=5', 'fromDate=x']) {
      const response = await fetch(`${stack.apiUrl}/ioc/v1/events/count/time-buckets?${query}`);
      exposed.push(JSON.stringify([...response.headers]), await response.text());
    }

    expect(exposed.length).toBe(6);
    expect(written.join('')).toContain('"message":"Collected"');
    expect(written.join('')).toContain('QualysAuthError');
    expect(written.join('')).toContain('QualysResponseError');
    expect(written.join('\n')).not.toContain(TOKEN);
    expect(exposed.join('\n')).not.toContain(TOKEN);
  });
});
