import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app.ts';
import { clearSessionCookie, SESSION_COOKIE } from '../middleware/session.ts';

/** POST /sign-out — ends the session in the store and forgets the cookie. */
export function signOut(deps: AppDeps) {
  return async (c: Context) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deps.community.sessions.end(token);
    clearSessionCookie(c, deps);
    return c.redirect('/', 303);
  };
}
