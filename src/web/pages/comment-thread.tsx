import type { Comment, CommentThread as Thread } from '../../community/comment.ts';
import { COMMENT_MAX } from '../../community/comment.ts';
import { canCurate } from '../../community/user.ts';
import { CommentBody } from './comment-body.tsx';
import { ConfirmButton } from './confirm-action.tsx';
import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, signInPath, userPath } from './paths.ts';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

/** What a comment may use, shown under each comment box. */
export const MARKDOWN_HINT =
  'Markdown: *emphasis*, **strong**, `code`, [links](https://…), lists, > quotes, TeX as $x^2$ or $$…$$; a blank line starts a paragraph.';

/** One comment or reply; authors may edit or delete it, curators hide it. */
function CommentItem({ comment, reply }: { comment: Comment; reply: boolean }) {
  const session = currentSession();
  const curator = canCurate(session?.user);
  const kind = reply ? 'comment reply' : 'comment';
  if (comment.hidden && !curator)
    return (
      <div class={`${kind} hidden-comment`} id={`comment-${comment.id}`}>
        <p class="muted">
          A curator hid this comment: <span>{comment.hiddenReason ?? 'no reason given'}</span>
        </p>
      </div>
    );
  return (
    <div class={kind} id={`comment-${comment.id}`}>
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
        <div class="comment-actions">
          <a href={`/comments/${comment.id}/edit`}>Edit</a>
          <ConfirmButton
            action={`/comments/${comment.id}/delete`}
            label="Delete"
            question="Delete this comment? This cannot be undone."
            confirmLabel="Yes, delete it"
          />
        </div>
      ) : null}
      {curator ? (
        <form method="post" action={`/comments/${comment.id}/hide`} class="curate hide-form">
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
    </div>
  );
}

/** Submits the form to see the comment rendered before posting it (no script needed). */
export function PreviewButton() {
  return (
    <button type="submit" name="preview" value="1" class="secondary">
      Preview
    </button>
  );
}

/** The disclosure with the form that adds a reply to a conversation (works without scripts). */
function ReplyForm({ paperId, parent }: { paperId: string; parent: Comment }) {
  const field = `reply-body-${parent.id}`;
  return (
    <details class="reply-box">
      <summary>Reply</summary>
      <form method="post" action={`${paperPath(paperId)}/comments`} class="comment-form">
        <CsrfField />
        <input type="hidden" name="parent" value={String(parent.id)} />
        <label for={field}>Reply to {parent.author.name}</label>
        <textarea id={field} name="body" rows={3} maxLength={COMMENT_MAX} required></textarea>
        <p class="hint">{MARKDOWN_HINT}</p>
        <button type="submit">Post reply</button> <PreviewButton />
      </form>
    </details>
  );
}

/** A paper's conversations (comments with their replies), with the forms to add to them. */
export function CommentThread({ paperId, threads }: { paperId: string; threads: Thread[] }) {
  const session = currentSession();
  const all = threads.flatMap((t) => (t.comment ? [t.comment, ...t.replies] : t.replies));
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments ({all.filter((c) => !c.hidden).length})</h2>
      {threads.length === 0 ? <p class="muted">No comments yet.</p> : null}
      <ol class="comment-list">
        {threads.map((thread) => (
          <li class="thread">
            {thread.comment ? (
              <CommentItem comment={thread.comment} reply={false} />
            ) : (
              <div class="comment deleted-comment" id={`comment-${thread.id}`}>
                <p class="muted">[deleted]</p>
              </div>
            )}
            {thread.replies.length > 0 ? (
              <ol class="reply-list" aria-label="Replies">
                {thread.replies.map((reply) => (
                  <li>
                    <CommentItem comment={reply} reply={true} />
                  </li>
                ))}
              </ol>
            ) : null}
            {session && thread.comment && !thread.comment.hidden ? (
              <ReplyForm paperId={paperId} parent={thread.comment} />
            ) : null}
          </li>
        ))}
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
          <p class="hint">{MARKDOWN_HINT}</p>
          <button type="submit">Post comment</button> <PreviewButton />
        </form>
      ) : (
        <p>
          <a href={signInPath(`${paperPath(paperId)}#comments`)}>Sign in</a> to comment.
        </p>
      )}
    </section>
  );
}
