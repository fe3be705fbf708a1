import type { Context } from 'hono';
import { requireActive } from '../../community/user.service.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { paperPath, safeNext } from '../pages/paths.ts';
import { formText } from './export-file.ts';
import { paperIdParam } from './paper-id.ts';

/** POST /papers/:id/save — save, unsave, or set a saved paper's status or note. */
export function savePaperAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const paperId = paperIdParam(c);
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    const action = formText(form.save) ?? 'add';
    if (action === 'remove') await library.unsave(user, paperId);
    else if (action === 'status')
      await library.save(user, paperId, { status: formText(form.status) });
    else if (action === 'note')
      await library.save(user, paperId, { note: formText(form.note) ?? '' });
    else await library.save(user, paperId);
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return c.json({ saved: action !== 'remove' });
    return c.redirect(safeNext(form.back, paperPath(paperId)), 303);
  };
}

/** POST /papers/:id/collect — adds a paper to a collection (a new one when asked). */
export function collectPaperAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const paperId = paperIdParam(c);
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    const chosen = formText(form.collection) ?? 'new';
    const collection =
      chosen === 'new'
        ? ((await library.collectionNamed(user, formText(form.name) ?? '')) ??
          (await library.createCollection(user, { name: formText(form.name) ?? '' })))
        : { id: chosen };
    await library.addToCollection(user, collection.id, [paperId]);
    return c.redirect(safeNext(form.back, paperPath(paperId)), 303);
  };
}

/** POST /papers/:id/not-interested — drops a paper from the member's recommendations. */
export function notInterestedAction(deps: AppDeps) {
  const { recommendations } = deps.personal;
  return async (c: Context) => {
    const paperId = paperIdParam(c);
    const form = await readForm(c);
    await recommendations.dismiss(viewerOf(c), paperId);
    return c.redirect(safeNext(form.back, '/for-you'), 303);
  };
}
