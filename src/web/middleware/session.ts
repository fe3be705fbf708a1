import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_DAYS, type Session } from '../../community/session.service.ts';
import type { AppDeps } from '../app.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in visitor, or null. */
    session: Session | null;
    /** The signed-in member's unread notifications, for the page header (pages only). */
    unreadNotifications: number;
  }
}

export const SESSION_COOKIE = 'folio_session';

/** Reads the session cookie into `c.var.session` (only when one is sent; the API uses tokens instead). */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = c.req.path.startsWith('/static/') ? undefined : getCookie(c, SESSION_COOKIE);
    const session = token ? await deps.community.sessions.read(token) : null;
    c.set('session', session);
    // Only pages show the count: the API, feeds and files do not pay for it.
    const page = c.req.method === 'GET' && !/^\/(api|feeds|static)\//.test(c.req.path);
    c.set(
      'unreadNotifications',
      session && page ? await deps.personal.notifications.unreadCount(session.user) : 0,
    );
    await next();
  };
}

/** Whether cookies must be Secure: the site is served over https, or this request came that way. */
export function secureCookies(c: Context, deps: AppDeps): boolean {
  return deps.config.baseUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(c: Context, deps: AppDeps, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c, deps),
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(c: Context, deps: AppDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c, deps) });
}

/** The signed-in member, or null. */
export const viewerOf = (c: Context) => c.get('session')?.user ?? null;
