import { signParts, verifyParts } from '../security/signing.ts';

/**
 * Signed tokens in digest links, made by `signParts` and bound to a purpose, so a manage token
 * never works as a confirmation. The scope keeps its original name so links already sent work.
 */
type TokenPurpose = 'confirm' | 'manage';

const scope = (purpose: TokenPurpose) => `folio-digest:${purpose}`;

/** A manage token: subscriber id and its manage key; rotating the key revokes old links. */
export function manageToken(secret: string, subscriberId: number, manageKey: string): string {
  return signParts(secret, scope('manage'), [String(subscriberId), manageKey]);
}

/** Reads a manage token: the subscriber id and the key it names, or null. */
export function readManageToken(
  secret: string,
  token: unknown,
): { subscriberId: number; manageKey: string } | null {
  const parts = verifyParts(secret, scope('manage'), token);
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
  return signParts(secret, scope('confirm'), [
    String(subscriberId),
    nonce,
    String(expiresAt.getTime()),
  ]);
}

/** Reads a confirmation token, or null when it is forged or malformed (expiry is checked by the caller). */
export function readConfirmToken(
  secret: string,
  token: unknown,
): { subscriberId: number; nonce: string; expiresAt: Date } | null {
  const parts = verifyParts(secret, scope('confirm'), token);
  if (!parts || parts.length !== 3 || !/^\d+$/.test(parts[0]!) || !/^\d+$/.test(parts[2]!))
    return null;
  return {
    subscriberId: Number(parts[0]),
    nonce: parts[1]!,
    expiresAt: new Date(Number(parts[2])),
  };
}
