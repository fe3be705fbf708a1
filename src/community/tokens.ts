import crypto from 'node:crypto';

/** A fresh random token for links, sessions and forms (URL-safe, 256 bits). */
export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** What the store keeps instead of a token, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** An HMAC of `value` under the server secret, for values handed to browsers. */
export function sign(secret: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(value).digest('base64url');
}

/** Compares two strings in time independent of where they differ. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
