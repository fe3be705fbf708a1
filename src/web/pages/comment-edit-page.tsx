import { COMMENT_MAX, type Comment } from '../../community/comment.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { paperPath } from './paths.ts';

/** The form where an author edits a comment. */
export function CommentEditPage({ comment }: { comment: Comment }) {
  return (
    <Layout title="Edit comment">
      <h1>Edit comment</h1>
      <form method="post" action={`/comments/${comment.id}/edit`} class="comment-form">
        <CsrfField />
        <label for="comment-body">Comment</label>
        <textarea id="comment-body" name="body" rows={6} maxLength={COMMENT_MAX} required>
          {comment.body}
        </textarea>
        <button type="submit">Save</button>{' '}
        <a href={`${paperPath(comment.paperId)}#comment-${comment.id}`}>Cancel</a>
      </form>
    </Layout>
  );
}
