import { errorReply, type Reply } from './http.js';
import type { TokenIssuer } from './tokens.js';

/** The username and password the simulator's `/auth` accepts. */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * `POST /auth` as on the Qualys gateway: a form with `username`, `password` and `token=true`;
 * 201 with the JWT as plain text, or 401 for bad credentials.
 */
export function authReply(
  form: string,
  credentials: Credentials,
  tokens: TokenIssuer,
  nowSeconds: number,
): Reply {
  const fields = new URLSearchParams(form);
  if (fields.get('token') !== 'true') {
    const message = 'the form must include token=true to obtain a JWT';
    return errorReply(400, 'Bad Request', message);
  }

  const username = fields.get('username');
  const password = fields.get('password');
  if (username !== credentials.username || password !== credentials.password) {
    return errorReply(401, 'Unauthorized', 'the username or password is wrong');
  }

  const token = tokens.issue(username, nowSeconds);
  return { status: 201, headers: { 'Content-Type': 'text/plain' }, body: token };
}
