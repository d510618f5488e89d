import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { KNOWN_PARAMETERS } from '#shared/buckets/query.js';
import { toApiGatewayEvent } from './lambda/api-gateway-event.js';
import { localContext } from './lambda/context.js';

/** The API paths, as API Gateway declares them. */
export const API_PATHS = ['/ioc/v1/events/count/time-buckets', '/ioc/events/count/time-buckets'];

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Options of the local stand-in for API Gateway. */
export interface LocalApiOptions {
  port: number;
  host?: string;
  handler: ApiHandler;
  /** Stage cache lifetime in seconds; 0 turns the cache off. @default 300 */
  cacheTtlSeconds?: number;
}

interface Cached {
  result: APIGatewayProxyResult;
  expiresAt: number;
}

/**
 * Like the stage cache: keyed on the path and the declared query parameters only, 200s only,
 * and `Cache-Control: max-age=0` from the client fetches afresh (in AWS only callers allowed to
 * invalidate may do that).
 */
function cacheKey(path: string, query: URLSearchParams): string {
  const declared: readonly string[] = KNOWN_PARAMETERS;
  const parts = [...query].filter(([name]) => declared.includes(name)).sort();
  return `${path}?${new URLSearchParams(parts).toString()}`;
}

function send(response: ServerResponse, result: APIGatewayProxyResult, cache: string): void {
  const headers = { ...result.headers, 'X-Cache': cache };
  response.writeHead(result.statusCode, headers as Record<string, string>);
  response.end(result.body);
}

/**
 * Serves the API handler over HTTP on localhost the way API Gateway's REST proxy integration
 * calls it: each request becomes a proxy event, the handler's result becomes the response.
 * `X-Cache: Hit|Miss` says whether the local stage cache answered.
 */
export async function startLocalApi(options: LocalApiOptions) {
  const ttlMs = (options.cacheTtlSeconds ?? 300) * 1000;
  const cache = new Map<string, Cached>();

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' || !API_PATHS.includes(url.pathname)) {
      const message = `GET ${API_PATHS.join(' or GET ')} are the only routes`;
      const body = JSON.stringify({ error: 'NotFound', message });
      send(
        response,
        { statusCode: 404, headers: { 'Content-Type': 'application/json' }, body },
        'Miss',
      );
      return;
    }

    const key = cacheKey(url.pathname, url.searchParams);
    const cached = cache.get(key);
    const refresh = /max-age=0/.test(request.headers['cache-control'] ?? '');
    if (cached !== undefined && cached.expiresAt > Date.now() && !refresh) {
      send(response, cached.result, 'Hit');
      return;
    }

    const localRequest = {
      method: 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers as Record<string, string | undefined>,
    };
    const result = await options.handler(
      toApiGatewayEvent(localRequest, url.pathname),
      localContext('api'),
    );
    if (result.statusCode === 200 && ttlMs > 0)
      cache.set(key, { result, expiresAt: Date.now() + ttlMs });
    send(response, result, 'Miss');
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      // Like API Gateway, an integration failure answers 502 without details; they go to stderr.
      console.error('local API adapter failed', error);
      const body = JSON.stringify({ error: 'InternalError', message: 'see the local stack log' });
      send(response, { statusCode: 502, headers: {}, body }, 'Miss');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
