import type { Context } from 'hono';
import { canCurate, isAdmin } from '../../community/user.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { ProfilePage } from '../pages/profile-page.tsx';
import { userPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** GET /users/:name — a member's upvotes, comments and submissions. */
export function profilePage(deps: AppDeps) {
  return async (c: Context) => {
    const profile = await deps.community.users.profile(c.req.param('name') ?? '');
    return sendPage(c, <ProfilePage profile={profile} />);
  };
}

async function target(deps: AppDeps, c: Context) {
  const name = (c.req.param('name') ?? '').slice(0, 40).toLowerCase();
  const user = await deps.community.users.byName(name);
  if (!user) throw notFound(`There is no member called "${name}".`);
  return user;
}

/** POST /users/:name/suspend — curators suspend or restore an account. */
export function suspendUser(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const viewer = viewerOf(c);
    if (!canCurate(viewer))
      throw new AppError(403, 'forbidden', 'Only curators can suspend accounts.');
    const user = await target(deps, c);
    if (user.id === viewer!.id)
      throw new AppError(403, 'forbidden', 'You cannot suspend yourself.');
    await deps.community.users.setSuspended(user, form.suspended !== '0');
    return c.redirect(userPath(user.name), 303);
  };
}

/** POST /users/:name/role — admins make members curators (or admins), or take the role back. */
export function setUserRole(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    if (!isAdmin(viewerOf(c)))
      throw new AppError(403, 'forbidden', 'Only admins can change roles.');
    const user = await target(deps, c);
    await deps.community.users.setRole(user, form.role);
    return c.redirect(userPath(user.name), 303);
  };
}
