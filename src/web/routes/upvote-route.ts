import type { Context } from 'hono';
import { LIMITS } from '../../community/rate-limit.service.ts';
import { requireActive } from '../../community/user.service.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { viewerOf } from '../middleware/session.ts';
import { paperPath, safeNext } from '../pages/paths.ts';
import { paperIdParam } from './paper-id.ts';

/** POST /papers/:id/upvote — add or remove the member's upvote; JSON for scripts, a redirect for forms. */
export function upvotePaper(deps: AppDeps) {
  return async (c: Context) => {
    const id = paperIdParam(c);
    const form = await readForm(c);
    const member = requireActive(viewerOf(c));
    await enforceRateLimit(deps, LIMITS.vote, `user:${member.id}`);
    const want = form.vote === 'add' ? true : form.vote === 'remove' ? false : undefined;
    const state = await deps.community.votes.toggle(member, id, want);
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(state);
    return c.redirect(safeNext(form.back, paperPath(id)), 303);
  };
}
