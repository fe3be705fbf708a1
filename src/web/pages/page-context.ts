import type { ContextVariableMap } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import type { Session } from '../../community/session.service.ts';

/**
 * The site's request variables, as the middleware declares them on `ContextVariableMap`
 * (session, CSRF form token, unread count), so pages read them typed, without casts.
 */
type SiteEnv = { Variables: ContextVariableMap };

/** The signed-in member of the request being rendered, for the page frame. */
export function currentSession(): Session | null {
  return tryGetContext<SiteEnv>()?.get('session') ?? null;
}

/** The CSRF token for forms on the page being rendered ('' outside a request). */
export function currentFormToken(): string {
  const make = tryGetContext<SiteEnv>()?.get('formToken');
  return make ? make() : '';
}

/** How many unread notifications the signed-in member has (0 outside a page request). */
export function currentUnreadCount(): number {
  return tryGetContext<SiteEnv>()?.get('unreadNotifications') ?? 0;
}
