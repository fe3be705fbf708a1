import type { Context } from 'hono';
import { requireActive } from '../../community/user.service.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { LibraryPage } from '../pages/library-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { exportFormat, formText, sendExportFile } from './export-file.ts';
import { sendPage } from './render.ts';

/** GET /library — the member's saved papers (optionally by status) and collections. */
export function libraryPage(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/library'), 303);
    const status = c.req.query('status');
    const wanted = status === 'read' || status === 'to_read' ? status : null;
    const [saved, collections] = await Promise.all([
      library.saved(user, wanted ? { status: wanted } : {}),
      library.collections(user),
    ]);
    return sendPage(c, <LibraryPage saved={saved} collections={collections} status={wanted} />);
  };
}

/** GET /library/export.bib|ris|json — the whole library as a reference file. */
export function libraryExport(deps: AppDeps) {
  const { references } = deps.personal;
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/library'), 303);
    return sendExportFile(
      c,
      await references.exportLibrary(user, exportFormat(c.req.param('file') ?? '')),
    );
  };
}

/** POST /library/import — a BibTeX or RIS file into a collection, listing what did not match. */
export function libraryImport(deps: AppDeps) {
  const { library, references } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    const file = form.file;
    const name = formText(form.collection)?.trim() || 'Imported';
    const render = async (
      extra: { imported?: Awaited<ReturnType<typeof references.importFile>>; error?: string },
      status: 200 | 400 = 200,
    ) =>
      sendPage(
        c,
        <LibraryPage
          saved={await library.saved(user)}
          collections={await library.collections(user)}
          status={null}
          {...extra}
        />,
        status,
      );
    if (!(file instanceof File) || file.size === 0)
      return render({ error: 'Choose a BibTeX (.bib) or RIS (.ris) file to import.' }, 400);
    try {
      return await render({ imported: await references.importFile(user, await file.text(), name) });
    } catch (error) {
      if (error instanceof AppError && error.status === 400)
        return render({ error: error.message }, 400);
      throw error;
    }
  };
}
