import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, signInPath } from './paths.ts';

/**
 * The upvote toggle: a plain form (site.js sends it without a reload), its state in
 * aria-pressed; a sign-in link when signed out. The accessible name is the visible count plus
 * hidden words, so speech users can say what they see.
 */
export function UpvoteButton(props: {
  paperId: string;
  upvotes: number;
  voted: boolean;
  back: string;
}) {
  const content = (
    <>
      <span aria-hidden="true">▲</span>
      <span class="count">{props.upvotes}</span>
    </>
  );
  if (!currentSession())
    return (
      <a class="upvote" href={signInPath(props.back)}>
        {content}
        <span class="visually-hidden"> upvotes; sign in to upvote</span>
      </a>
    );
  return (
    <form
      class="upvote-form"
      method="post"
      action={`${paperPath(props.paperId)}/upvote`}
      data-upvote
    >
      <CsrfField />
      <input type="hidden" name="back" value={props.back} />
      <input type="hidden" name="vote" value={props.voted ? 'remove' : 'add'} />
      <button type="submit" class="upvote" aria-pressed={props.voted ? 'true' : 'false'}>
        {content}
        <span class="visually-hidden"> upvotes; upvote</span>
      </button>
    </form>
  );
}
