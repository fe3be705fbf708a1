import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { CollectionPage } from '../pages/collection-page.tsx';
import { exportFormat, formText, sendExportFile } from './export-file.ts';
import { sendPage } from './render.ts';

const param = (c: Context, name: string) => c.req.param(name) ?? '';

/** POST /collections — creates a collection and opens it. */
export function createCollectionAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    const created = await library.createCollection(viewerOf(c), {
      name: formText(form.name) ?? '',
      visibility: formText(form.visibility),
      description: formText(form.description),
    });
    return c.redirect(`/collections/${created.id}`, 303);
  };
}

/** GET /collections/:id — a collection as its owner or (when public) anyone sees it. */
export function collectionPage(deps: AppDeps) {
  const { library, follows } = deps.personal;
  return async (c: Context) => {
    const viewer = viewerOf(c);
    const { collection, papers } = await library.collection(viewer, param(c, 'id'));
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
  };
}

/** GET /collections/:id/export.bib|ris|json — a collection as a reference file. */
export function collectionExport(deps: AppDeps) {
  const { references } = deps.personal;
  return async (c: Context) =>
    sendExportFile(
      c,
      await references.exportCollection(
        viewerOf(c),
        param(c, 'id'),
        exportFormat(param(c, 'file')),
      ),
    );
}

/** POST /collections/:id — renames, describes or changes who sees a collection. */
export function updateCollectionAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    const updated = await library.updateCollection(viewerOf(c), param(c, 'id'), {
      name: formText(form.name),
      description: formText(form.description),
      visibility: formText(form.visibility),
    });
    return c.redirect(`/collections/${updated.id}`, 303);
  };
}

/** POST /collections/:id/share-link — a new secret link (the old one stops working). */
export function resetShareLinkAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const updated = await library.resetShareLink(viewerOf(c), param(c, 'id'));
    return c.redirect(`/collections/${updated.id}`, 303);
  };
}

/** POST /collections/:id/remove — takes a paper out of a collection. */
export function removeFromCollectionAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    await library.removeFromCollection(viewerOf(c), param(c, 'id'), formText(form.paper) ?? '');
    return c.redirect(`/collections/${param(c, 'id')}`, 303);
  };
}

/** POST /collections/:id/delete — deletes a collection (its papers stay saved). */
export function deleteCollectionAction(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    await library.deleteCollection(viewerOf(c), param(c, 'id'));
    return c.redirect('/library', 303);
  };
}

/** GET /shared/:token — a collection opened by its secret link (never indexed). */
export function sharedCollectionPage(deps: AppDeps) {
  const { library } = deps.personal;
  return async (c: Context) => {
    const viewer = viewerOf(c);
    const token = param(c, 'token');
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
  };
}

/** GET /shared/:token/export.bib|ris|json — a shared collection as a reference file. */
export function sharedCollectionExport(deps: AppDeps) {
  const { references } = deps.personal;
  return async (c: Context) =>
    sendExportFile(
      c,
      await references.exportShared(param(c, 'token'), exportFormat(param(c, 'file'))),
    );
}
