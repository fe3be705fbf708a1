import type { Comment } from '../../community/comment.ts';
import { COMMENT_MAX } from '../../community/comment.ts';
import { canCurate } from '../../community/user.ts';
import { CommentBody } from './comment-body.tsx';
import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, signInPath, userPath } from './paths.ts';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

/** A paper's comments, with the form to add one; authors may edit or delete, curators hide. */
export function CommentThread({ paperId, comments }: { paperId: string; comments: Comment[] }) {
  const session = currentSession();
  const curator = canCurate(session?.user);
  const visible = comments.filter((c) => !c.hidden || curator);
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments ({comments.filter((c) => !c.hidden).length})</h2>
      {visible.length === 0 && comments.length === 0 ? <p class="muted">No comments yet.</p> : null}
      <ol class="comment-list">
        {comments.map((comment) =>
          comment.hidden && !curator ? (
            <li class="comment hidden-comment" id={`comment-${comment.id}`}>
              <p class="muted">
                A curator hid this comment: <span>{comment.hiddenReason ?? 'no reason given'}</span>
              </p>
            </li>
          ) : (
            <li class="comment" id={`comment-${comment.id}`}>
              <p class="comment-meta">
                <a href={userPath(comment.author.name)}>{comment.author.name}</a> ·{' '}
                <a href={`#comment-${comment.id}`}>
                  <time datetime={comment.createdAt}>{when(comment.createdAt)}</time>
                </a>
                {comment.editedAt ? ' · edited' : ''}
                {comment.hidden ? <strong> · hidden: {comment.hiddenReason}</strong> : null}
              </p>
              <CommentBody source={comment.body} />
              {session?.user.id === comment.author.id ? (
                <p class="comment-actions">
                  <a href={`/comments/${comment.id}/edit`}>Edit</a>
                  <form method="post" action={`/comments/${comment.id}/delete`} class="inline">
                    <CsrfField />
                    <button type="submit" class="link">
                      Delete
                    </button>
                  </form>
                </p>
              ) : null}
              {curator ? (
                <form
                  method="post"
                  action={`/comments/${comment.id}/hide`}
                  class="curate hide-form"
                >
                  <CsrfField />
                  <input type="hidden" name="hidden" value={comment.hidden ? '0' : '1'} />
                  {comment.hidden ? null : (
                    <>
                      <label for={`reason-${comment.id}`}>Reason</label>
                      <input id={`reason-${comment.id}`} name="reason" maxLength={200} required />
                    </>
                  )}
                  <button type="submit">{comment.hidden ? 'Show again' : 'Hide'}</button>
                </form>
              ) : null}
            </li>
          ),
        )}
      </ol>
      {session ? (
        <form method="post" action={`${paperPath(paperId)}/comments`} class="comment-form">
          <CsrfField />
          <label for="comment-body">Add a comment</label>
          <textarea
            id="comment-body"
            name="body"
            rows={4}
            maxLength={COMMENT_MAX}
            required
          ></textarea>
          <p class="hint">
            Markdown: *emphasis*, **strong**, `code`, [links](https://…); a blank line starts a
            paragraph.
          </p>
          <button type="submit">Post comment</button>
        </form>
      ) : (
        <p>
          <a href={signInPath(`${paperPath(paperId)}#comments`)}>Sign in</a> to comment.
        </p>
      )}
    </section>
  );
}
