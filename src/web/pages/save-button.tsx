import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, signInPath } from './paths.ts';

/**
 * Save to (or remove from) the member's private library: a plain form, its state in
 * aria-pressed; a sign-in link when signed out.
 */
export function SaveButton(props: { paperId: string; saved: boolean; back: string }) {
  if (!currentSession())
    return (
      <a class="save" href={signInPath(props.back)}>
        Save<span class="visually-hidden">; sign in to save papers</span>
      </a>
    );
  return (
    <form class="save-form inline" method="post" action={`${paperPath(props.paperId)}/save`}>
      <CsrfField />
      <input type="hidden" name="back" value={props.back} />
      <input type="hidden" name="save" value={props.saved ? 'remove' : 'add'} />
      <button type="submit" class="save" aria-pressed={props.saved ? 'true' : 'false'}>
        {props.saved ? 'Saved' : 'Save'}
      </button>
    </form>
  );
}
