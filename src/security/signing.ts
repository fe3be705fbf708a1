import crypto from 'node:crypto';

/**
 * Every secret value the server makes or checks: random tokens, stored token hashes, and HMACs
 * under the server secret (CSRF cookies, personal feed addresses, digest links, Message-IDs).
 * One module, so one algorithm (HMAC-SHA256) and one constant-time comparison serve them all.
 */

/** A fresh random token for links, sessions and forms (URL-safe, 256 bits). */
export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** A random value for nonces and keys (`bytes` of randomness, URL-safe). */
export function randomKey(bytes = 16): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** What the store keeps instead of a token, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** An HMAC-SHA256 of `value` under the server secret (base64url unless asked for hex). */
export function sign(
  secret: string,
  value: string,
  encoding: 'base64url' | 'hex' = 'base64url',
): string {
  return crypto.createHmac('sha256', secret).update(value).digest(encoding);
}

/** Compares two strings in time independent of where they differ. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * Signs `parts` (no dots inside) for a scope: `base64url(parts joined by dots).mac`, the mac
 * being the HMAC of `scope:payload`, so a token made for one scope never passes in another.
 */
export function signParts(secret: string, scope: string, parts: readonly string[]): string {
  const payload = Buffer.from(parts.join('.'), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, `${scope}:${payload}`)}`;
}

/** The parts `signParts` signed for this scope, or null when malformed or not signed here. */
export function verifyParts(secret: string, scope: string, token: unknown): string[] | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const dot = token.indexOf('.');
  if (dot < 1 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(secret, `${scope}:${payload}`), 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return Buffer.from(payload, 'base64url').toString('utf8').split('.');
}
