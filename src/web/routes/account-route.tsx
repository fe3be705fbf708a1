import type { Context } from 'hono';
import { requireActive } from '../../community/user.service.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { clearSessionCookie, viewerOf } from '../middleware/session.ts';
import { AccountPage } from '../pages/account-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** GET /account — the signed-in member's settings. */
export function accountPage(deps: AppDeps) {
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account'), 303);
    const byMail = await deps.personal.notifications.mailPreference(user);
    c.header('Cache-Control', 'private, no-store');
    return sendPage(
      c,
      <AccountPage user={user} byMail={byMail} saved={c.req.query('saved') === '1'} />,
    );
  };
}

/** POST /account — change the public name; a bad or taken name re-shows the form with the reason. */
export function saveAccount(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    const byMail = await deps.personal.notifications.mailPreference(user);
    try {
      await deps.community.users.rename(user, form.name);
    } catch (error) {
      if (error instanceof AppError && error.status < 500)
        return sendPage(
          c,
          <AccountPage user={user} byMail={byMail} error={error.message} />,
          error.status === 409 ? 409 : 400,
        );
      throw error;
    }
    return c.redirect('/account?saved=1', 303);
  };
}

/** GET /account/export.json — everything of the member's account as one JSON file. */
export function exportAccountFile(deps: AppDeps) {
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account'), 303);
    const data = await deps.personal.account.exportAccount(user);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="folio-account-${user.name}-${data.exportedAt.slice(0, 10)}.json"`,
    );
    c.header('Cache-Control', 'private, no-store');
    return c.body(JSON.stringify(data, null, 2));
  };
}

/** POST /account/delete — deletes the account once the member typed their name to confirm. */
export function deleteAccountAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    try {
      await deps.personal.account.deleteAccount(user, form.confirm);
    } catch (error) {
      if (error instanceof AppError && error.status === 400) {
        const byMail = await deps.personal.notifications.mailPreference(user);
        return sendPage(
          c,
          <AccountPage user={user} byMail={byMail} deleteError={error.message} />,
          400,
        );
      }
      throw error;
    }
    clearSessionCookie(c, deps);
    return c.redirect('/?account=deleted', 303);
  };
}
