import type { Paper } from '../../domain/paper.ts';
import { CsrfField } from './csrf-field.tsx';
import { AuthorLinks } from './paper-card.tsx';
import { paperPath } from './paths.ts';
import { SaveButton } from './save-button.tsx';
import { TexTitle } from './tex.tsx';

/** A compact paper line for personal pages: title, authors, why it is here, and actions. */
export function PaperRow(props: {
  paper: Paper;
  back: string;
  saved?: boolean;
  reason?: string | null;
  /** Extra text after the authors (status, note). */
  extra?: unknown;
  /** A "Not interested" button (For you). */
  dismiss?: boolean;
  /** A form that removes the paper from this collection. */
  removeFrom?: number;
}) {
  const { paper, back } = props;
  return (
    <article class="paper-row" id={`paper-${paper.id}`} data-paper-row={paper.id}>
      <div class="paper-body">
        <h3>
          <a href={paperPath(paper.id)}>
            <TexTitle text={paper.title} />
          </a>
        </h3>
        <AuthorLinks authors={paper.authors} />
        {props.reason ? <p class="reason">{props.reason}</p> : null}
        {props.extra ?? null}
        <p class="meta">
          <span>{paper.id}</span>
          {paper.categories[0] ? <span class="chip">{paper.categories[0]}</span> : null}
          {paper.listingDate ? <span>{paper.listingDate}</span> : null}
        </p>
      </div>
      <div class="row-actions">
        {props.saved !== undefined ? (
          <SaveButton paperId={paper.id} saved={props.saved} back={back} />
        ) : null}
        {props.dismiss ? (
          <form method="post" action={`${paperPath(paper.id)}/not-interested`} class="inline">
            <CsrfField />
            <input type="hidden" name="back" value={back} />
            <button type="submit" class="link">
              Not interested
            </button>
          </form>
        ) : null}
        {props.removeFrom !== undefined ? (
          <form method="post" action={`/collections/${props.removeFrom}/remove`} class="inline">
            <CsrfField />
            <input type="hidden" name="paper" value={paper.id} />
            <button type="submit" class="link">
              Remove
            </button>
          </form>
        ) : null}
      </div>
    </article>
  );
}
