import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { viewerOf } from '../middleware/session.ts';
import { AuthorPage, AUTHOR_PAGE_SIZE } from '../pages/author-page.tsx';
import { pageNumber, sendPage, sendSharedPage } from './render.ts';

/** The search query that finds an author's papers (names match whole, unstemmed). */
export const authorQuery = (name: string) => `author:"${name.replace(/"/g, '')}"`;

/** GET /authors/:name — that author's papers in this store, newest first, with a feed. */
export function authorPage(deps: AppDeps) {
  return async (c: Context) => {
    const name = decodeURIComponent(c.req.param('name') ?? '').trim();
    if (name === '' || name.length > 200 || /[\p{Cc}"]/u.test(name))
      throw badRequest('invalid_author', 'An author name is 1 to 200 characters, without quotes.');
    const page = pageNumber(c.req.query('page'));
    const cache = deps.pageCache;
    const key = `author:${name}:${page}`;
    const data = await cache.get(key, async () => {
      const result = await deps.search.search({
        q: authorQuery(name),
        mode: 'keyword',
        sort: 'date',
        limit: AUTHOR_PAGE_SIZE,
        offset: (page - 1) * AUTHOR_PAGE_SIZE,
      });
      const listed = await deps.papers.listedActivityFor(result.hits.map((h) => h.paper));
      return { listed, total: result.total };
    });
    const viewer = viewerOf(c);
    const voted = viewer
      ? await deps.papers.votedAmong(
          viewer.id,
          data.listed.map((l) => l.paper.id),
        )
      : new Set<string>();
    const ids = data.listed.map((l) => l.paper.id);
    const libraryState = await deps.personal.library.stateOf(viewer, ids);
    const following = await deps.personal.follows.isFollowing(viewer, 'author', name);
    const render = () =>
      String(
        <AuthorPage
          name={name}
          following={following}
          page={page}
          total={data.total}
          feedQuery={authorQuery(name)}
          items={data.listed.map((l) => ({
            ...l,
            isNew: false,
            voted: voted.has(l.paper.id),
            saved: libraryState.get(l.paper.id)?.saved ?? false,
          }))}
        />,
      );
    if (!viewer) return sendSharedPage(c, cache, `html:${key}`, render);
    return sendPage(c, render());
  };
}
