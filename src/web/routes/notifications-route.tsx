import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { NotificationsPage } from '../pages/notifications-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** GET /notifications — the member's notifications and whether they also come by mail. */
export function notificationsPage(deps: AppDeps) {
  const { notifications } = deps.personal;
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/notifications'), 303);
    const [list, byMail] = await Promise.all([
      notifications.list(user),
      notifications.mailPreference(user),
    ]);
    c.header('Cache-Control', 'private, no-store');
    return sendPage(c, <NotificationsPage notifications={list} byMail={byMail} />);
  };
}

/** POST /notifications/read — marks one, several or all notifications as read. */
export function markNotificationsReadAction(deps: AppDeps) {
  const { notifications } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    await notifications.markRead(viewerOf(c), form.all === '1' ? 'all' : (form.id ?? []));
    return c.redirect('/notifications', 303);
  };
}

/** POST /account/notifications — whether notifications also come by mail. */
export function notificationMailAction(deps: AppDeps) {
  const { notifications } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    await notifications.setMailPreference(viewerOf(c), form.by_mail === '1');
    return c.redirect('/account?saved=1#notifications', 303);
  };
}
