import { currentFormToken } from './page-context.ts';

/** The hidden CSRF field every POST form carries. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={currentFormToken()} />;
}
