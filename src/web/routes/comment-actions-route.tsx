import type { Context } from 'hono';
import { LIMITS } from '../../community/rate-limit.service.ts';
import { requireActive } from '../../community/user.service.ts';
import { notFound } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { enforceRateLimit } from '../middleware/rate-limit.ts';
import { viewerOf } from '../middleware/session.ts';
import { CommentEditPage } from '../pages/comment-edit-page.tsx';
import { CommentPreviewPage } from '../pages/comment-preview-page.tsx';
import { ConfirmPage, isConfirmed } from '../pages/confirm-action.tsx';
import { cleanComment } from '../../community/markdown.ts';
import { paperPath } from '../pages/paths.ts';
import { paperIdParam } from './paper-id.ts';
import { sendPage } from './render.ts';

function commentId(c: Context): number {
  const text = c.req.param('comment') ?? '';
  if (!/^\d{1,12}$/.test(text)) throw notFound('There is no such comment.');
  return Number(text);
}

/** POST /papers/:id/comments — a member comments on a paper, or replies when `parent` is set. */
export function postComment(deps: AppDeps) {
  return async (c: Context) => {
    const id = paperIdParam(c);
    const form = await readForm(c);
    const member = requireActive(viewerOf(c));
    if (form.preview) {
      // Preview changes nothing: the comment rendered above the same form, nothing stored.
      const paper = await deps.papers.find(id);
      if (!paper) throw notFound(`There is no paper ${id} here.`);
      const body = cleanComment(typeof form.body === 'string' ? form.body : '');
      const parent = typeof form.parent === 'string' ? form.parent : '';
      return sendPage(
        c,
        <CommentPreviewPage
          paperId={id}
          paperTitle={paper.title}
          body={body}
          parent={/^\d{1,12}$/.test(parent) ? parent : undefined}
        />,
      );
    }
    await enforceRateLimit(deps, LIMITS.comment, `user:${member.id}`);
    const commentId = await deps.community.comments.add(member, id, form.body, form.parent);
    await deps.personal.notifications.commentPosted(commentId, form.parent);
    return c.redirect(`${paperPath(id)}#comment-${commentId}`, 303);
  };
}

/** GET /comments/:comment/edit — the author's edit form. */
export function editCommentPage(deps: AppDeps) {
  return async (c: Context) => {
    const comment = await deps.community.comments.own(viewerOf(c), commentId(c));
    return sendPage(c, <CommentEditPage comment={comment} />);
  };
}

/** POST /comments/:comment/edit — the author saves a new text. */
export function saveComment(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const comment = await deps.community.comments.edit(viewerOf(c), commentId(c), form.body);
    return c.redirect(`${paperPath(comment.paperId)}#comment-${comment.id}`, 303);
  };
}

/** POST /comments/:comment/delete — the author removes a comment, once they have confirmed it. */
export function removeComment(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    if (!isConfirmed(form)) {
      // Asked without the confirmation: ask, and change nothing.
      const own = await deps.community.comments.own(viewerOf(c), commentId(c));
      return sendPage(
        c,
        <ConfirmPage
          title="Delete comment"
          action={`/comments/${own.id}/delete`}
          label="Delete"
          question="Delete this comment? This cannot be undone."
          confirmLabel="Yes, delete it"
          detail={own.body.length > 300 ? `${own.body.slice(0, 300)}…` : own.body}
          back={`${paperPath(own.paperId)}#comment-${own.id}`}
        />,
      );
    }
    const comment = await deps.community.comments.delete(viewerOf(c), commentId(c));
    return c.redirect(`${paperPath(comment.paperId)}#comments`, 303);
  };
}

/** POST /comments/:comment/hide — a curator hides a comment with a reason, or shows it again. */
export function hideCommentAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const comment = await deps.community.comments.hide(
      viewerOf(c),
      commentId(c),
      form.hidden !== '0',
      form.reason,
    );
    return c.redirect(`${paperPath(comment.paperId)}#comment-${comment.id}`, 303);
  };
}
