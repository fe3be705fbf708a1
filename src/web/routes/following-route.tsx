import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { personalFeedToken } from '../feeds/personal-feed-token.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { FollowingPage } from '../pages/following-page.tsx';
import { safeNext, signInPath } from '../pages/paths.ts';
import { formText } from './export-file.ts';
import { sendPage } from './render.ts';

/** GET /following — what the member follows, the new papers from it, and its feed addresses. */
export function followingPage(deps: AppDeps) {
  const { library, follows } = deps.personal;
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/following'), 303);
    const [list, feed] = await Promise.all([follows.follows(user), follows.feed(user)]);
    const state = await library.stateOf(
      user,
      feed.map((f) => f.paper.id),
    );
    const token = personalFeedToken(deps.secret, user.id);
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
  };
}

/** POST /follow — follows an author, category, keyword or collection. */
export function followAction(deps: AppDeps) {
  const { follows } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    await follows.follow(viewerOf(c), { kind: formText(form.kind), target: formText(form.target) });
    return c.redirect(safeNext(form.back, '/following'), 303);
  };
}

/** POST /unfollow — stops following it. */
export function unfollowAction(deps: AppDeps) {
  const { follows } = deps.personal;
  return async (c: Context) => {
    const form = await readForm(c);
    await follows.unfollow(viewerOf(c), {
      kind: formText(form.kind),
      target: formText(form.target),
    });
    return c.redirect(safeNext(form.back, '/following'), 303);
  };
}
