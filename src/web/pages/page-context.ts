import { tryGetContext } from 'hono/context-storage';
import type { Session } from '../../community/session.service.ts';

/** The signed-in member of the request being rendered, for the page frame. */
export function currentSession(): Session | null {
  const c = tryGetContext();
  return (c?.get('session') as Session | null | undefined) ?? null;
}

/** The CSRF token for forms on the page being rendered ('' outside a request). */
export function currentFormToken(): string {
  const c = tryGetContext();
  const make = c?.get('formToken') as (() => string) | undefined;
  return make ? make() : '';
}

/** How many unread notifications the signed-in member has (0 outside a page request). */
export function currentUnreadCount(): number {
  const c = tryGetContext();
  return (c?.get('unreadNotifications') as number | undefined) ?? 0;
}
