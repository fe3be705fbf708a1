import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { currentSession } from './page-context.ts';
import { dayPath, paperPath, signInPath } from './paths.ts';

/** Submit a paper to today's list by arXiv id or address. */
export function SubmitPage(props: {
  value?: string;
  error?: string;
  duplicate?: { paperId: string; day: string };
  offline: boolean;
}) {
  const session = currentSession();
  return (
    <Layout title="Submit a paper">
      <section class="narrow">
        <h1>Submit a paper</h1>
        <p>Put an arXiv paper on today's list for the community to read and upvote.</p>
        {props.duplicate ? (
          <p class="notice" role="status">
            <a href={paperPath(props.duplicate.paperId)}>{props.duplicate.paperId}</a> is already on
            the list of <a href={dayPath(props.duplicate.day)}>{props.duplicate.day}</a>.
          </p>
        ) : null}
        {session ? (
          <form method="post" action="/submit" class="stack">
            <CsrfField />
            <label for="paper">arXiv id or address</label>
            <input
              id="paper"
              name="paper"
              required
              maxLength={300}
              placeholder="2401.12345 or https://arxiv.org/abs/2401.12345"
              value={props.value ?? ''}
              {...(props.error
                ? { 'aria-invalid': 'true', 'aria-describedby': 'paper-error' }
                : {})}
            />
            {props.error ? (
              <p id="paper-error" class="error-text" role="alert">
                {props.error}
              </p>
            ) : null}
            {props.offline ? (
              <p class="hint">Folio runs offline: only papers it already has can be submitted.</p>
            ) : null}
            <button type="submit">Submit</button>
          </form>
        ) : (
          <p>
            <a href={signInPath('/submit')}>Sign in</a> to submit a paper.
          </p>
        )}
      </section>
    </Layout>
  );
}
