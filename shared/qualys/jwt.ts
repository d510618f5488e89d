/**
 * The expiry (`exp` claim, epoch seconds) of a JWT, in epoch milliseconds, or undefined when
 * the token is not a JWT or states none. The signature is not checked: the expiry only decides
 * when to renew, and Qualys itself judges whether the token is valid.
 */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || !('exp' in claims)) return undefined;
  return typeof claims.exp === 'number' && Number.isFinite(claims.exp)
    ? claims.exp * 1000
    : undefined;
}
