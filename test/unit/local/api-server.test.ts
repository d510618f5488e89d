import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalApi } from '#local/api-server.js';

const PATH = '/ioc/v1/events/count/time-buckets';

/** A stand-in API handler that counts its calls and answers 400 to `bad=1`. */
function countingHandler() {
  const calls: APIGatewayProxyEvent[] = [];
  const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    calls.push(event);
    const bad = event.queryStringParameters?.fromDate === 'bad';
    return { statusCode: bad ? 400 : 200, headers: {}, body: JSON.stringify({ n: calls.length }) };
  };
  return { calls, handler };
}

describe('the local API Gateway stand-in', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function start(cacheTtlSeconds = 60) {
    const counting = countingHandler();
    const api = await startLocalApi({ port: 0, handler: counting.handler, cacheTtlSeconds });
    close = api.close;
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${api.url}${PATH}?${query}`, { headers });
    return { ...counting, get, url: api.url };
  }

  it('answers a repeated question from its cache, like the stage cache', async () => {
    const { calls, get } = await start();

    const first = await get('fromDate=1&toDate=2');
    const second = await get('toDate=2&fromDate=1');

    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['Miss', 'Hit']);
    expect(await second.json()).toEqual({ n: 1 });
    expect(calls).toHaveLength(1);
  });

  it('asks the function again for Cache-Control: max-age=0', async () => {
    const { calls, get } = await start();
    await get('fromDate=1&toDate=2');

    const fresh = await get('fromDate=1&toDate=2', { 'cache-control': 'max-age=0' });

    expect(fresh.headers.get('x-cache')).toBe('Miss');
    expect(calls).toHaveLength(2);
  });

  it('never caches a rejected request', async () => {
    const { calls, get } = await start();

    await get('fromDate=bad');
    const again = await get('fromDate=bad');

    expect(again.status).toBe(400);
    expect(calls).toHaveLength(2);
  });

  it('keys only on the declared parameters, as API Gateway does', async () => {
    const { calls, get } = await start();
    await get('fromDate=1&toDate=2');

    const extra = await get('fromDate=1&toDate=2&unknown=3');

    expect(extra.headers.get('x-cache')).toBe('Hit');
    expect(calls).toHaveLength(1);
  });

  it('answers other paths and methods with a JSON 404 naming the routes', async () => {
    const { calls, url } = await start();

    const response = await fetch(`${url}/elsewhere`);

    expect(response.status).toBe(404);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain(PATH);
    expect(calls).toHaveLength(0);
  });
});
