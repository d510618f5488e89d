import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `hang` never answers; `stallBody` sends the head and part of a body. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string, or a function of the request (to echo what was sent). */
  body?: string | ((request: RecordedRequest) => string);
  hang?: boolean;
  stallBody?: boolean;
  /** Real milliseconds to wait before answering. */
  delayMs?: number;
}

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 answering scripted replies per path, in order. */
export interface ScriptedServer {
  url: string;
  /** Queues replies for `path`; once used up, the last one keeps being given. */
  script(path: string, ...replies: ScriptedReply[]): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  /** Forgets scripts and recorded requests, and drops hanging connections. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a scripted server on a free port. A request to an unscripted path gets a 418. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const scripts = new Map<string, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  // Only hanging answers are cut on reset: cutting idle keep-alive sockets would make the next
  // test's first call fail on a dead socket.
  const hanging = new Set<ServerResponse>();

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);

      const queue = scripts.get(request.path) ?? [];
      const reply = queue.length > 1 ? queue.shift() : queue[0];
      if (reply === undefined) {
        response.writeHead(418).end(`no scripted reply for ${request.path}`);
        return;
      }
      if (reply.hang || reply.stallBody) hanging.add(response);
      if (reply.delayMs === undefined) answer(response, reply, request);
      else setTimeout(() => answer(response, reply, request), reply.delayMs);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    script(path, ...replies) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...replies]);
    },
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    reset() {
      scripts.clear();
      requests.length = 0;
      for (const response of hanging) response.socket?.destroy();
      hanging.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function answer(response: ServerResponse, reply: ScriptedReply, request: RecordedRequest): void {
  if (reply.hang) return;
  const body = typeof reply.body === 'function' ? reply.body(request) : (reply.body ?? '');
  response.writeHead(reply.status ?? 200, reply.headers);
  if (reply.stallBody) {
    response.write(body.slice(0, Math.floor(body.length / 2)));
    return;
  }
  response.end(body);
}
