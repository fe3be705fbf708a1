import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

const COOKIE = 'folio_visit';
/** A gap this long between page views starts a new visit. */
const VISIT_GAP_MS = 30 * 60_000;

/**
 * When the visitor's previous visit began, from a cookie holding only two timestamps (no
 * personal data), so lists can mark papers that arrived since. Null on a first visit.
 */
export function previousVisit(c: Context, now: Date, secure: boolean): Date | null {
  const [previousText, lastSeenText] = (getCookie(c, COOKIE) ?? '').split('.');
  const previous = Number(previousText);
  const lastSeen = Number(lastSeenText);
  const known = Number.isFinite(lastSeen) && lastSeen > 0;
  // Within one visit the reference point stays put; after a gap, the last visit becomes it.
  const reference = !known
    ? null
    : now.getTime() - lastSeen > VISIT_GAP_MS
      ? lastSeen
      : previous || null;
  setCookie(c, COOKIE, `${reference ?? 0}.${now.getTime()}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: 365 * 86_400,
  });
  return reference ? new Date(reference) : null;
}
