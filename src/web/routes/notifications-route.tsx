import type { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { NotificationsPage } from '../pages/notifications-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** The notifications page, "mark as read", and the notification-mail setting. */
export function registerNotificationRoutes(app: Hono, deps: AppDeps): void {
  const { notifications } = deps.personal;

  app.get('/notifications', async (c) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/notifications'), 303);
    const [list, byMail] = await Promise.all([
      notifications.list(user),
      notifications.mailPreference(user),
    ]);
    c.header('Cache-Control', 'private, no-store');
    return sendPage(c, <NotificationsPage notifications={list} byMail={byMail} />);
  });

  app.post('/notifications/read', async (c) => {
    const form = await readForm(c);
    await notifications.markRead(viewerOf(c), form.all === '1' ? 'all' : (form.id ?? []));
    return c.redirect('/notifications', 303);
  });

  app.post('/account/notifications', async (c) => {
    const form = await readForm(c);
    await notifications.setMailPreference(viewerOf(c), form.by_mail === '1');
    return c.redirect('/account?saved=1#notifications', 303);
  });
}
