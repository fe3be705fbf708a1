import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, signInPath } from './paths.ts';

/** The upvote toggle: a plain form (site.js sends it without a reload); a sign-in link when signed out. */
export function UpvoteButton(props: {
  paperId: string;
  upvotes: number;
  voted: boolean;
  back: string;
}) {
  const label = `${props.voted ? 'Remove upvote' : 'Upvote'} (${props.upvotes} upvote${props.upvotes === 1 ? '' : 's'})`;
  if (!currentSession())
    return (
      <a
        class="upvote"
        href={signInPath(props.back)}
        title="Sign in to upvote"
        aria-label={`Sign in to upvote (${props.upvotes} upvotes)`}
      >
        <span aria-hidden="true">▲</span>
        <span class="count">{props.upvotes}</span>
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
      <button
        type="submit"
        class="upvote"
        aria-pressed={props.voted ? 'true' : 'false'}
        aria-label={label}
      >
        <span aria-hidden="true">▲</span>
        <span class="count">{props.upvotes}</span>
      </button>
    </form>
  );
}
