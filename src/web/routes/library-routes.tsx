import type { Context, Hono } from 'hono';
import { requireActive } from '../../community/user.service.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import type { ExportFile } from '../../library/transfer/reference-transfer.service.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { CollectionPage } from '../pages/collection-page.tsx';
import { ForYouPage } from '../pages/for-you-page.tsx';
import { FollowingPage } from '../pages/following-page.tsx';
import { LibraryPage } from '../pages/library-page.tsx';
import { paperPath, safeNext, signInPath } from '../pages/paths.ts';
import { personalFeedToken } from '../feeds/personal-feed-token.ts';
import { paperIdParam } from './paper-id.ts';
import { sendPage } from './render.ts';

const FORMATS: Record<string, string> = { bib: 'bibtex', ris: 'ris', json: 'csl-json' };

/** `export.bib` → bibtex; anything else is a clear 400. */
function exportFormat(file: string): string {
  const format = FORMATS[file.slice(file.lastIndexOf('.') + 1)];
  if (!format)
    throw badRequest('invalid_format', 'Export as .bib (BibTeX), .ris (RIS) or .json (CSL-JSON).');
  return format;
}

function sendFile(c: Context, file: ExportFile) {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(file.body);
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The member's own pages and forms: library, collections, following, For you. */
export function registerLibraryRoutes(app: Hono, deps: AppDeps): void {
  const { library, follows, recommendations, references } = deps.personal;
  const signedIn = (c: Context, path: string) => {
    const user = viewerOf(c);
    return user ? { user } : { redirect: c.redirect(signInPath(path), 303) };
  };

  app.get('/library', async (c) => {
    const s = signedIn(c, '/library');
    if (!s.user) return s.redirect;
    const status = c.req.query('status');
    const wanted = status === 'read' || status === 'to_read' ? status : null;
    const [saved, collections] = await Promise.all([
      library.saved(s.user, wanted ? { status: wanted } : {}),
      library.collections(s.user),
    ]);
    return sendPage(c, <LibraryPage saved={saved} collections={collections} status={wanted} />);
  });
  app.get('/library/:file{export\\.[a-z]+}', async (c) => {
    const s = signedIn(c, '/library');
    if (!s.user) return s.redirect;
    return sendFile(c, await references.exportLibrary(s.user, exportFormat(c.req.param('file'))));
  });
  app.post('/library/import', async (c) => {
    const form = await readForm(c);
    const user = requireActive(viewerOf(c));
    const file = form.file;
    const name = text(form.collection)?.trim() || 'Imported';
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
  });

  for (const id of [':id', ':archive/:num{\\d{7}(?:v\\d+)?}']) {
    app.post(`/papers/${id}/save`, async (c) => {
      const paperId = paperIdParam(c);
      const form = await readForm(c);
      const user = requireActive(viewerOf(c));
      const action = text(form.save) ?? 'add';
      if (action === 'remove') await library.unsave(user, paperId);
      else if (action === 'status')
        await library.save(user, paperId, { status: text(form.status) });
      else if (action === 'note')
        await library.save(user, paperId, { note: text(form.note) ?? '' });
      else await library.save(user, paperId);
      if ((c.req.header('accept') ?? '').includes('application/json'))
        return c.json({ saved: action !== 'remove' });
      return c.redirect(safeNext(form.back, paperPath(paperId)), 303);
    });
    app.post(`/papers/${id}/collect`, async (c) => {
      const paperId = paperIdParam(c);
      const form = await readForm(c);
      const user = requireActive(viewerOf(c));
      const chosen = text(form.collection) ?? 'new';
      const collection =
        chosen === 'new'
          ? ((await library.collectionNamed(user, text(form.name) ?? '')) ??
            (await library.createCollection(user, { name: text(form.name) ?? '' })))
          : { id: chosen };
      await library.addToCollection(user, collection.id, [paperId]);
      return c.redirect(safeNext(form.back, paperPath(paperId)), 303);
    });
    app.post(`/papers/${id}/not-interested`, async (c) => {
      const paperId = paperIdParam(c);
      const form = await readForm(c);
      await recommendations.dismiss(viewerOf(c), paperId);
      return c.redirect(safeNext(form.back, '/for-you'), 303);
    });
  }

  app.post('/collections', async (c) => {
    const form = await readForm(c);
    const created = await library.createCollection(viewerOf(c), {
      name: text(form.name) ?? '',
      visibility: text(form.visibility),
      description: text(form.description),
    });
    return c.redirect(`/collections/${created.id}`, 303);
  });
  app.get('/collections/:id{\\d+}', async (c) => {
    const viewer = viewerOf(c);
    const { collection, papers } = await library.collection(viewer, c.req.param('id'));
    const owner = viewer?.id === collection.ownerId;
    const state = await library.stateOf(
      viewer,
      papers.map((p) => p.id),
    );
    const back = `/collections/${collection.id}`;
    return sendPage(
      c,
      <CollectionPage
        collection={collection}
        papers={papers}
        owner={owner}
        saved={new Set([...state].filter(([, s]) => s.saved).map(([id]) => id))}
        signedIn={Boolean(viewer)}
        following={await follows.isFollowing(viewer, 'collection', String(collection.id))}
        shareUrl={
          owner && collection.shareToken
            ? `${deps.config.baseUrl}/shared/${collection.shareToken}`
            : null
        }
        exportBase={`/collections/${collection.id}/export`}
        back={back}
      />,
    );
  });
  app.get('/collections/:id{\\d+}/:file{export\\.[a-z]+}', async (c) =>
    sendFile(
      c,
      await references.exportCollection(
        viewerOf(c),
        c.req.param('id'),
        exportFormat(c.req.param('file')),
      ),
    ),
  );
  app.post('/collections/:id{\\d+}', async (c) => {
    const form = await readForm(c);
    const updated = await library.updateCollection(viewerOf(c), c.req.param('id'), {
      name: text(form.name),
      description: text(form.description),
      visibility: text(form.visibility),
    });
    return c.redirect(`/collections/${updated.id}`, 303);
  });
  app.post('/collections/:id{\\d+}/share-link', async (c) => {
    const updated = await library.resetShareLink(viewerOf(c), c.req.param('id'));
    return c.redirect(`/collections/${updated.id}`, 303);
  });
  app.post('/collections/:id{\\d+}/remove', async (c) => {
    const form = await readForm(c);
    await library.removeFromCollection(viewerOf(c), c.req.param('id'), text(form.paper) ?? '');
    return c.redirect(`/collections/${c.req.param('id')}`, 303);
  });
  app.post('/collections/:id{\\d+}/delete', async (c) => {
    await library.deleteCollection(viewerOf(c), c.req.param('id'));
    return c.redirect('/library', 303);
  });
  app.get('/shared/:token{[A-Za-z0-9_-]+}', async (c) => {
    const viewer = viewerOf(c);
    const token = c.req.param('token');
    const { collection, papers } = await library.sharedCollection(token);
    const state = await library.stateOf(
      viewer,
      papers.map((p) => p.id),
    );
    c.header('X-Robots-Tag', 'noindex');
    return sendPage(
      c,
      <CollectionPage
        collection={collection}
        papers={papers}
        owner={false}
        saved={new Set([...state].filter(([, s]) => s.saved).map(([id]) => id))}
        signedIn={Boolean(viewer)}
        following={false}
        shareUrl={null}
        exportBase={`/shared/${token}/export`}
        back={`/shared/${token}`}
      />,
    );
  });
  app.get('/shared/:token{[A-Za-z0-9_-]+}/:file{export\\.[a-z]+}', async (c) =>
    sendFile(
      c,
      await references.exportShared(c.req.param('token'), exportFormat(c.req.param('file'))),
    ),
  );

  app.get('/following', async (c) => {
    const s = signedIn(c, '/following');
    if (!s.user) return s.redirect;
    const [list, feed] = await Promise.all([follows.follows(s.user), follows.feed(s.user)]);
    const state = await library.stateOf(
      s.user,
      feed.map((f) => f.paper.id),
    );
    const token = personalFeedToken(deps.secret, s.user.id);
    return sendPage(
      c,
      <FollowingPage
        follows={list}
        feed={feed}
        saved={new Set([...state].filter(([, x]) => x.saved).map(([id]) => id))}
        feedUrls={(['rss', 'atom', 'json'] as const).map((f) => ({
          label: f === 'json' ? 'JSON Feed' : f.toUpperCase(),
          href: `/feeds/following/${token}.${f}`,
        }))}
      />,
    );
  });
  app.post('/follow', async (c) => {
    const form = await readForm(c);
    await follows.follow(viewerOf(c), { kind: text(form.kind), target: text(form.target) });
    return c.redirect(safeNext(form.back, '/following'), 303);
  });
  app.post('/unfollow', async (c) => {
    const form = await readForm(c);
    await follows.unfollow(viewerOf(c), { kind: text(form.kind), target: text(form.target) });
    return c.redirect(safeNext(form.back, '/following'), 303);
  });

  app.get('/for-you', async (c) => {
    const s = signedIn(c, '/for-you');
    if (!s.user) return s.redirect;
    return sendPage(c, <ForYouPage items={await recommendations.forYou(s.user, { limit: 30 })} />);
  });
}
