import type { Context } from 'hono';
import { LIMITS } from '../../community/rate-limit.service.ts';
import { requireActive } from '../../community/user.service.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { viewerOf } from '../middleware/session.ts';
import { dayPath } from '../pages/paths.ts';
import { SubmitPage } from '../pages/submit-page.tsx';
import { sendPage } from './render.ts';

/** GET /submit — the submission form. */
export function submitPage(deps: AppDeps) {
  return (c: Context) => sendPage(c, <SubmitPage offline={deps.config.offline} />);
}

/** POST /submit — puts a paper on today's list; a duplicate points at the existing entry. */
export function submitAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const member = requireActive(viewerOf(c));
    const value = typeof form.paper === 'string' ? form.paper.slice(0, 300) : '';
    await enforceRateLimit(deps, LIMITS.submission, `user:${member.id}`);
    let result;
    try {
      result = await deps.community.submissions.submit(member, value);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 429)
        return sendPage(
          c,
          <SubmitPage value={value} error={error.message} offline={deps.config.offline} />,
          error.status === 404 ? 404 : 400,
        );
      throw error;
    }
    if (result.status === 'duplicate')
      return sendPage(
        c,
        <SubmitPage
          duplicate={{ paperId: result.paperId, day: result.day }}
          offline={deps.config.offline}
        />,
        409,
      );
    return c.redirect(`${dayPath(result.day)}#paper-${result.paperId}`, 303);
  };
}
