import { COMMENT_MAX } from '../../community/comment.ts';
import { CommentBody } from './comment-body.tsx';
import { MARKDOWN_HINT, PreviewButton } from './comment-thread.tsx';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { paperPath } from './paths.ts';

/** A comment rendered as it will appear, above the same form to post it or change it. */
export function CommentPreviewPage(props: {
  paperId: string;
  paperTitle: string;
  body: string;
  parent: string | undefined;
}) {
  const { paperId, body, parent } = props;
  return (
    <Layout title="Preview comment">
      <h1>Preview</h1>
      <p class="muted">
        On <a href={`${paperPath(paperId)}#comments`}>{props.paperTitle}</a>
      </p>
      <article class="comment comment-preview" aria-label="Preview">
        <CommentBody source={body} />
      </article>
      <form method="post" action={`${paperPath(paperId)}/comments`} class="comment-form">
        <CsrfField />
        {parent ? <input type="hidden" name="parent" value={parent} /> : null}
        <label for="comment-body">{parent ? 'Your reply' : 'Your comment'}</label>
        <textarea id="comment-body" name="body" rows={6} maxLength={COMMENT_MAX} required>
          {body}
        </textarea>
        <p class="hint">{MARKDOWN_HINT}</p>
        <button type="submit">{parent ? 'Post reply' : 'Post comment'}</button> <PreviewButton />
      </form>
    </Layout>
  );
}
