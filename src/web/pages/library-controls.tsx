import type { Collection, PaperLibraryState } from '../../library/library.types.ts';
import { CsrfField } from './csrf-field.tsx';
import { paperPath } from './paths.ts';
import { SaveButton } from './save-button.tsx';

/** The paper page's library panel: save, reading status, private note, add to a collection. */
export function LibraryControls(props: {
  paperId: string;
  state: PaperLibraryState;
  collections: Collection[];
}) {
  const { paperId, state, collections } = props;
  const back = paperPath(paperId);
  const holding = new Set(state.collectionIds);
  const others = collections.filter((c) => !holding.has(c.id));
  return (
    <section class="library-controls" aria-label="Your library">
      <SaveButton paperId={paperId} saved={state.saved} back={back} />
      {state.saved ? (
        <form method="post" action={`${back}/save`} class="inline">
          <CsrfField />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="save" value="status" />
          <label>
            <span class="visually-hidden">Reading status</span>
            <select name="status">
              <option value="to_read" selected={state.status === 'to_read'}>
                To read
              </option>
              <option value="read" selected={state.status === 'read'}>
                Read
              </option>
            </select>
          </label>{' '}
          <button type="submit">Set</button>
        </form>
      ) : null}
      <form method="post" action={`${back}/collect`} class="inline collect">
        <CsrfField />
        <input type="hidden" name="back" value={back} />
        <label>
          <span class="visually-hidden">Add to collection</span>
          <select name="collection">
            {others.map((c) => (
              <option value={String(c.id)}>{c.name}</option>
            ))}
            <option value="new">New collection…</option>
          </select>
        </label>{' '}
        <label>
          <span class="visually-hidden">Name of a new collection</span>
          <input name="name" maxLength={100} placeholder="New collection name" />
        </label>{' '}
        <button type="submit">Add to collection</button>
      </form>
      {state.collectionIds.length > 0 ? (
        <p class="muted in-collections">
          In:{' '}
          {collections
            .filter((c) => holding.has(c.id))
            .map((c, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/collections/${c.id}`}>{c.name}</a>
              </>
            ))}
        </p>
      ) : null}
      {state.saved ? (
        <details class="note" open={Boolean(state.note)}>
          <summary>Private note</summary>
          <form method="post" action={`${back}/save`} class="stack">
            <CsrfField />
            <input type="hidden" name="back" value={back} />
            <input type="hidden" name="save" value="note" />
            <label for="note" class="visually-hidden">
              Private note
            </label>
            <textarea id="note" name="note" rows={3} maxLength={10000}>
              {state.note ?? ''}
            </textarea>
            <button type="submit">Save note</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
