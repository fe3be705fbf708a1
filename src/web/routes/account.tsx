import type { Context } from 'hono';
import { renameUser, requireActive } from '../../community/user.service.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { AccountPage } from '../pages/account-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** GET /account — the signed-in member's settings. */
export function accountPage() {
  return (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account'), 303);
    return sendPage(c, <AccountPage user={user} saved={c.req.query('saved') === '1'} />);
  };
}

/** POST /account — change the public name; a bad or taken name re-shows the form with the reason. */
export function saveAccount(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    try {
      await renameUser(deps.db, user, form.name);
    } catch (error) {
      if (error instanceof AppError && error.status < 500)
        return sendPage(
          c,
          <AccountPage user={user} error={error.message} />,
          error.status === 409 ? 409 : 400,
        );
      throw error;
    }
    return c.redirect('/account?saved=1', 303);
  };
}
