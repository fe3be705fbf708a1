import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { paperPath, safeNext } from '../pages/paths.ts';
import { paperIdParam } from './paper-id.ts';

/**
 * POST /papers/:id/trending-exclusion — a curator takes a paper off trending (`reason`) or puts
 * it back (`exclude=0`). CSRF is checked by the site middleware, like every form.
 */
export function trendingExclusionAction(deps: AppDeps) {
  return async (c: Context) => {
    const id = paperIdParam(c);
    const form = await readForm(c);
    await deps.trending.curateExclusion(viewerOf(c), {
      paperId: id,
      exclude: form.exclude !== '0',
      reason: typeof form.reason === 'string' ? form.reason : '',
    });
    return c.redirect(safeNext(form.back, paperPath(id)), 303);
  };
}
