import { sameText, sign } from '../../security/signing.ts';

/**
 * The secret part of a member's personal feed URL: their id and an HMAC of it under the server
 * secret, so the URL needs no storage, cannot be guessed, and changes if the secret does.
 */
export function personalFeedToken(secret: string, userId: number): string {
  return `${userId}-${sign(secret, `personal-feed:${userId}`).slice(0, 32)}`;
}

/** The member a personal feed token names, or null when it was not made by this server. */
export function readPersonalFeedToken(secret: string, token: string): number | null {
  const match = /^(\d{1,12})-[A-Za-z0-9_-]{32}$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  return sameText(personalFeedToken(secret, userId), token) ? userId : null;
}
