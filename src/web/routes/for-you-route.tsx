import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { viewerOf } from '../middleware/session.ts';
import { ForYouPage } from '../pages/for-you-page.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** GET /for-you — the member's recommendations with their reasons. */
export function forYouPage(deps: AppDeps) {
  const { recommendations } = deps.personal;
  return async (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/for-you'), 303);
    return sendPage(c, <ForYouPage items={await recommendations.forYou(user, { limit: 30 })} />);
  };
}
