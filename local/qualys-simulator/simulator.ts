import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authReply } from './auth-route.js';
import { createControl, type SimulatorControl, type SimulatorParts } from './control.js';
import { CONTROL_PREFIX, controlReply } from './control-routes.js';
import { COUNT_PATHS } from './count-answer.js';
import { type CountReply, countReply } from './count-endpoint.js';
import { EventModel } from './event-model.js';
import { FaultQueue } from './faults.js';
import { BodyTooLargeError, errorReply, type Reply, readBody, sendReply } from './http.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { TokenIssuer } from './tokens.js';

export type { Anomaly } from './anomalies.js';
export type { SimulatorControl, SimulatorStats } from './control.js';
export type { Fault, MalformedShape, PendingFault } from './faults.js';
export type { SimulatorOptions } from './options.js';

/** A running Qualys simulator. */
export interface QualysSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  url: string;
  /** Stops listening and drops open connections, cutting waiting answers short. Idempotent. */
  close(): Promise<void>;
  control: SimulatorControl;
}

/**
 * Starts a Qualys EDR simulator on `node:http`: `POST /auth`, both time-bucket count endpoints
 * with Qualys's semantics over deterministic, late-arriving events, switchable faults and
 * anomalies (from `control` or over HTTP under `/_simulator`). See README.md beside this file.
 */
export async function createQualysSimulator(
  options: SimulatorOptions = {},
): Promise<QualysSimulator> {
  const settings = resolveOptions(options);
  const { clock, credentials, log } = settings;
  const parts: SimulatorParts = {
    model: new EventModel(settings),
    faults: new FaultQueue(),
    tokens: new TokenIssuer(settings.tokenLifetimeSeconds),
    stats: { requests: {}, faults: {} },
    nowSeconds: () => clock().getTime() / 1000,
  };
  const control = createControl(parts);
  const closing = new AbortController();
  const countSettings = {
    staticToken: settings.staticToken,
    maxRangeMinutes: settings.maxRangeMinutes,
    closing: closing.signal,
  };

  async function route(request: IncomingMessage, url: URL): Promise<CountReply> {
    const { method = 'GET' } = request;
    const path = url.pathname;
    if (COUNT_PATHS.includes(path)) {
      if (method !== 'GET') return { reply: notAllowed(method, path, 'GET') };
      return countReply(parts, countSettings, request.headers.authorization, url.searchParams);
    }
    if (path === '/auth') {
      if (method !== 'POST') return { reply: notAllowed(method, path, 'POST') };
      const form = await readBody(request);
      return { reply: authReply(form, credentials, parts.tokens, Math.floor(parts.nowSeconds())) };
    }
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      return { reply: controlReply(method, path, await readBody(request), control) };
    }
    return { reply: errorReply(404, 'Not Found', `no endpoint ${path}; see ${COUNT_PATHS[0]}`) };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedMs = performance.now();
    const url = new URL(request.url ?? '/', 'http://simulator');
    parts.stats.requests[url.pathname] = (parts.stats.requests[url.pathname] ?? 0) + 1;

    const { reply, fault } = await route(request, url).catch(
      (error: unknown): CountReply => ({ reply: failureReply(error) }),
    );
    if (closing.signal.aborted) return;
    sendReply(response, reply);

    const tookMs = (performance.now() - startedMs).toFixed(1);
    const asked = `${request.method} ${url.pathname}${url.search}`;
    const faultNote = fault === undefined ? '' : ` fault=${fault}`;
    log?.(`qualys-simulator ${asked} ${reply.status} ${tookMs}ms${faultNote}`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${settings.host}:${port}`,
    control,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function notAllowed(method: string, path: string, allowed: string): Reply {
  const reply = errorReply(405, 'Method Not Allowed', `${method} ${path}: use ${allowed}`);
  return { ...reply, headers: { ...reply.headers, Allow: allowed } };
}

function failureReply(error: unknown): Reply {
  if (error instanceof BodyTooLargeError)
    return errorReply(413, 'Payload Too Large', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return errorReply(500, 'Simulator Error', `the simulator failed: ${message}`);
}
