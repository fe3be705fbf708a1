import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ListedPaper } from '../../domain/listed-paper.ts';
import { canCurate } from '../../community/user.ts';
import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { authorPath, keywordSearchPath, paperPath, userPath } from './paths.ts';
import { PaperThumb } from './paper-thumb.tsx';
import { InitialsAvatar } from './initials-avatar.tsx';
import { renderAbstractHtml, TexTitle } from './tex.tsx';
import { UpvoteButton } from './upvote-button.tsx';
import { SaveButton } from './save-button.tsx';
import { repoUrl } from '../../domain/code-links.ts';

/** A paper on a list, with what the visitor's view adds: arrived since the last visit, upvoted. */
export interface ListItem extends ListedPaper {
  isNew: boolean;
  voted: boolean;
  /** In the visitor's library. */
  saved?: boolean;
}

/** Authors as a short line: the first six, then "et al.". */
export function authorLine(authors: string[]): string {
  return authors.length > 6 ? `${authors.slice(0, 6).join(', ')} et al.` : authors.join(', ');
}

const SHOWN_AUTHORS = 4;
const SHOWN_KEYWORDS = 5;

/** The first few authors, each linking to their page, then how many more. */
export function AuthorLinks({ authors }: { authors: string[] }) {
  const shown = authors.slice(0, SHOWN_AUTHORS);
  const more = authors.length - shown.length;
  return (
    <p class="authors">
      {shown.map((name, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={authorPath(name)}>{name}</a>
        </>
      ))}
      {more > 0 ? <span class="more"> +{more}</span> : null}
    </p>
  );
}

/** Who put the paper on the list, and for which organization. */
function SubmittedBy({ item }: { item: ListedPaper }) {
  const { submitter, organization } = item;
  if (!submitter && !organization) return null;
  return (
    <>
      {submitter ? <InitialsAvatar submitter={submitter} /> : null}
      <span class="submitter">
        {submitter ? (
          <>
            by{' '}
            {submitter.userId ? (
              <a href={userPath(submitter.name)}>{submitter.name}</a>
            ) : (
              <span title={submitter.fullname ?? undefined}>{submitter.name}</span>
            )}
          </>
        ) : null}
        {organization ? (
          <span class="org"> · {organization.fullname ?? organization.name}</span>
        ) : null}
      </span>
    </>
  );
}

/**
 * One paper in a list, the same card everywhere: figure, TeX title, authors, the source's
 * one-line summary (abstract one click away), then upvotes, comments, stars, submitter and
 * organization, category and keywords that search.
 */
export function PaperCard({
  item,
  back,
  day,
  rank,
  reason,
  sparkline,
}: {
  item: ListItem;
  back: string;
  day?: string;
  /** Position on a ranked list (trending), shown before the figure. */
  rank?: number;
  /** Why the paper is on a ranked list, one readable line. */
  reason?: string;
  /** Drawn after the reason: the repository's recent stars (trending). */
  sparkline?: Child;
}) {
  const { paper } = item;
  const code = paper.codeRepo ? repoUrl(paper.codeRepo) : null;
  const curator = canCurate(currentSession()?.user);
  return (
    <article
      class={rank ? 'paper-card ranked' : 'paper-card'}
      id={`paper-${paper.id}`}
      data-paper-card
    >
      {rank ? (
        <span class="rank" aria-label={`Rank ${rank}`}>
          {rank}
        </span>
      ) : null}
      <PaperThumb item={item} />
      <div class="paper-body">
        <h2>
          <a href={paperPath(paper.id)}>
            <TexTitle text={paper.title} />
          </a>
        </h2>
        <AuthorLinks authors={paper.authors} />
        {reason ? (
          <p class="why">
            <span class="visually-hidden">Trending because: </span>
            {reason}
            {sparkline ? <> {sparkline}</> : null}
          </p>
        ) : null}
        {item.aiSummary ? (
          <p class="ai-summary">
            <span class="label" title="Summary written by Hugging Face's model">
              AI summary
            </span>{' '}
            {item.aiSummary}
          </p>
        ) : null}
        <details class="card-abstract">
          <summary>Abstract</summary>
          <div>{raw(renderAbstractHtml(paper.abstract))}</div>
        </details>
        <p class="meta">
          {item.featured ? <span class="badge featured">Featured</span> : null}
          {item.isNew ? <span class="badge new">New</span> : null}
          <a href={`${paperPath(paper.id)}#comments`}>
            {item.numComments} comment{item.numComments === 1 ? '' : 's'}
          </a>
          {code ? (
            <a href={code} rel="nofollow noopener" class="stars">
              {item.githubStars !== null ? `★ ${item.githubStars.toLocaleString('en')}` : 'code'}
              {item.githubStars !== null ? (
                <span class="visually-hidden"> GitHub stars</span>
              ) : null}
            </a>
          ) : null}
          <SubmittedBy item={item} />
          <SaveButton paperId={paper.id} saved={item.saved ?? false} back={back} />
          {paper.categories[0] ? (
            <a class="chip" href={`/papers?q=${encodeURIComponent(`cat:${paper.categories[0]}`)}`}>
              {paper.categories[0]}
            </a>
          ) : null}
        </p>
        {item.keywords.length > 0 ? (
          <p class="keywords">
            {item.keywords.slice(0, SHOWN_KEYWORDS).map((k) => (
              <a class="chip keyword" href={keywordSearchPath(k)}>
                {k}
              </a>
            ))}
          </p>
        ) : null}
        {curator && day ? (
          <form method="post" action={`${paperPath(paper.id)}/feature`} class="inline curate">
            <CsrfField />
            <input type="hidden" name="day" value={day} />
            <input type="hidden" name="back" value={back} />
            <input type="hidden" name="featured" value={item.featured ? '0' : '1'} />
            <button type="submit" class="link">
              {item.featured ? 'Unfeature' : 'Feature'} on {day}
            </button>
          </form>
        ) : null}
      </div>
      <UpvoteButton paperId={paper.id} upvotes={item.upvotes} voted={item.voted} back={back} />
    </article>
  );
}
