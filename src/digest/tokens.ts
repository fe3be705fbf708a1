import crypto from 'node:crypto';

/**
 * Signed tokens in digest links: `base64url(payload).base64url(hmac)`, the HMAC-SHA256 keyed by
 * the server secret and bound to a purpose, so a manage token never works as a confirmation.
 */
export type TokenPurpose = 'confirm' | 'manage' | 'form';

/** Signs `parts` (no dots inside) for a purpose. */
export function signToken(secret: string, purpose: TokenPurpose, parts: readonly string[]): string {
  const payload = Buffer.from(parts.join('.'), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, purpose, payload)}`;
}

/** The signed parts, or null when the token is malformed or its signature does not match. */
export function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  token: unknown,
): string[] | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const dot = token.indexOf('.');
  if (dot < 1 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, purpose, payload), 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return Buffer.from(payload, 'base64url').toString('utf8').split('.');
}

/** A random value for nonces and keys. */
export function randomKey(bytes = 16): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

function mac(secret: string, purpose: TokenPurpose, payload: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`folio-digest:${purpose}:${payload}`)
    .digest('base64url');
}

/** A manage token: subscriber id and its manage key; rotating the key revokes old links. */
export function manageToken(secret: string, subscriberId: number, manageKey: string): string {
  return signToken(secret, 'manage', [String(subscriberId), manageKey]);
}

/** Reads a manage token: the subscriber id and the key it names, or null. */
export function readManageToken(
  secret: string,
  token: unknown,
): { subscriberId: number; manageKey: string } | null {
  const parts = verifyToken(secret, 'manage', token);
  if (!parts || parts.length !== 2 || !/^\d+$/.test(parts[0]!)) return null;
  return { subscriberId: Number(parts[0]), manageKey: parts[1]! };
}

/** A confirmation token: subscriber id, a single-use nonce and the expiry (ms since epoch). */
export function confirmToken(
  secret: string,
  subscriberId: number,
  nonce: string,
  expiresAt: Date,
): string {
  return signToken(secret, 'confirm', [String(subscriberId), nonce, String(expiresAt.getTime())]);
}

/** Reads a confirmation token, or null when it is forged or malformed (expiry is checked by the caller). */
export function readConfirmToken(
  secret: string,
  token: unknown,
): { subscriberId: number; nonce: string; expiresAt: Date } | null {
  const parts = verifyToken(secret, 'confirm', token);
  if (!parts || parts.length !== 3 || !/^\d+$/.test(parts[0]!) || !/^\d+$/.test(parts[2]!))
    return null;
  return {
    subscriberId: Number(parts[0]),
    nonce: parts[1]!,
    expiresAt: new Date(Number(parts[2])),
  };
}
