import type { FollowKind } from '../../library/library.types.ts';
import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';

/** Follow (or unfollow) one thing: a plain form; nothing for visitors who are not signed in. */
export function FollowButton(props: {
  kind: FollowKind;
  target: string;
  following: boolean;
  back: string;
  label: string;
}) {
  if (!currentSession()) return null;
  return (
    <form
      method="post"
      action={props.following ? '/unfollow' : '/follow'}
      class="inline follow-form"
    >
      <CsrfField />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="target" value={props.target} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" aria-pressed={props.following ? 'true' : 'false'}>
        {props.following ? `Following ✓` : props.label}
      </button>
    </form>
  );
}
