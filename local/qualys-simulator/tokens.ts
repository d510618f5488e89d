import { createHmac, randomBytes } from 'node:crypto';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * Issues JWTs the way the Qualys gateway does (HS256, `exp` claim) and remembers them, so that
 * only tokens this simulator issued, and that have not expired or been revoked, are accepted.
 */
export class TokenIssuer {
  private readonly issued = new Map<string, number>();
  private readonly secret = randomBytes(32);
  private serial = 0;

  /** @param lifetimeSeconds how long a token is valid after it is issued. */
  constructor(private readonly lifetimeSeconds: number) {}

  /** A new token for `subject`, valid from `nowSeconds` for the token lifetime. */
  issue(subject: string, nowSeconds: number): string {
    this.forgetExpired(nowSeconds);
    this.serial += 1;
    const expiresAt = nowSeconds + this.lifetimeSeconds;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = { iss: 'qualys-simulator', sub: subject, iat: nowSeconds, exp: expiresAt };
    const payload = base64url(JSON.stringify({ ...claims, jti: String(this.serial) }));
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const token = `${header}.${payload}.${base64url(signature)}`;
    this.issued.set(token, expiresAt);
    return token;
  }

  /** True when `token` was issued here, is not revoked, and has not expired at `nowSeconds`. */
  accepts(token: string, nowSeconds: number): boolean {
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && nowSeconds < expiresAt;
  }

  /** Revokes every token issued so far, as if they had all expired. */
  revokeAll(): void {
    this.issued.clear();
  }

  private forgetExpired(nowSeconds: number): void {
    for (const [token, expiresAt] of this.issued) {
      if (expiresAt <= nowSeconds) this.issued.delete(token);
    }
  }
}
