import type { IncomingMessage, ServerResponse } from 'node:http';

/** An HTTP answer, built by the routes and written by `sendReply`. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Largest request body accepted (the auth form and control JSON are tiny). */
export const MAX_BODY_BYTES = 64 * 1024;

/** The request body was larger than MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';

  constructor(readonly sizeBytes: number) {
    super(`request body is over ${MAX_BODY_BYTES} bytes (${sizeBytes} seen); send a smaller one`);
  }
}

/** A JSON answer. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}) {
  const body = JSON.stringify(value);
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body };
}

/** A JSON error answer: what went wrong and how to fix it. */
export function errorReply(status: number, error: string, message: string, extra = {}): Reply {
  return jsonReply(status, { error, message, ...extra });
}

/** Reads the whole request body as UTF-8. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(size);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes `reply` and ends the response. */
export function sendReply(response: ServerResponse, reply: Reply): void {
  const headers = { 'Content-Length': String(Buffer.byteLength(reply.body)), ...reply.headers };
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}
