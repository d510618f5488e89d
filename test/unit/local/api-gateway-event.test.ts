import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '#local/lambda/api-gateway-event.js';

const PATH = '/ioc/v1/events/count/time-buckets';

function eventFor(query: string) {
  const request = { method: 'GET', path: PATH, query: new URLSearchParams(query), headers: {} };
  return toApiGatewayEvent(request, PATH);
}

describe('the local API Gateway event', () => {
  it('keeps single and repeated parameters as API Gateway does', () => {
    const event = eventFor('fromDate=1&toDate=2&toDate=3');

    expect(event.queryStringParameters).toEqual({ fromDate: '1', toDate: '3' });
    expect(event.multiValueQueryStringParameters).toEqual({ fromDate: ['1'], toDate: ['2', '3'] });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps a parameter named %s as a plain key',
    (name) => {
      const event = eventFor(`${name}=1&fromDate=5`);

      expect(Object.keys(event.queryStringParameters ?? {})).toEqual([name, 'fromDate']);
      expect(Object.getPrototypeOf(event.queryStringParameters)).toBe(Object.prototype);
    },
  );

  it('gives null parameter maps when the query is empty', () => {
    const event = eventFor('');

    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });
});
