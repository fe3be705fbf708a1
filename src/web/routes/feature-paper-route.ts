import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { dayPath, safeNext } from '../pages/paths.ts';
import { paperIdParam } from './paper-id.ts';

/** POST /papers/:id/feature — a curator features a paper on a day's list (or takes it back). */
export function featurePaperAction(deps: AppDeps) {
  return async (c: Context) => {
    const id = paperIdParam(c);
    const form = await readForm(c);
    const day = typeof form.day === 'string' ? form.day : '';
    await deps.community.submissions.feature(viewerOf(c), id, day, form.featured !== '0');
    return c.redirect(safeNext(form.back, dayPath(day)), 303);
  };
}
