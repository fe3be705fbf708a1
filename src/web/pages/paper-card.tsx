import type { ListedPaper } from '../../domain/listed-paper.ts';
import { canCurate } from '../../community/user.ts';
import { CsrfField } from './csrf-field.tsx';
import { currentSession } from './page-context.ts';
import { paperPath, userPath } from './paths.ts';
import { UpvoteButton } from './upvote-button.tsx';
import { repoUrl } from '../../domain/code-links.ts';

/** A paper on a list, with what the visitor's view adds: arrived since the last visit, upvoted. */
export interface ListItem extends ListedPaper {
  isNew: boolean;
  voted: boolean;
}

/** Authors as a short line: the first six, then "et al.". */
export function authorLine(authors: string[]): string {
  return authors.length > 6 ? `${authors.slice(0, 6).join(', ')} et al.` : authors.join(', ');
}

/** One paper in a list: upvote, title linking to its page, authors, and what is known about it. */
export function PaperCard({ item, back, day }: { item: ListItem; back: string; day?: string }) {
  const { paper } = item;
  const code = paper.codeRepo ? repoUrl(paper.codeRepo) : null;
  const curator = canCurate(currentSession()?.user);
  return (
    <article class="paper-card" id={`paper-${paper.id}`} data-paper-card>
      <UpvoteButton paperId={paper.id} upvotes={item.upvotes} voted={item.voted} back={back} />
      <div class="paper-body">
        <h2>
          <a href={paperPath(paper.id)}>{paper.title}</a>
        </h2>
        <p class="authors">{authorLine(paper.authors)}</p>
        <p class="meta">
          {item.featured ? <span class="badge featured">Featured</span> : null}
          {item.isNew ? <span class="badge new">New</span> : null}
          <span>{paper.id}</span>
          {paper.categories[0] ? <span>{paper.categories[0]}</span> : null}
          <a href={`${paperPath(paper.id)}#comments`}>
            {item.numComments} comment{item.numComments === 1 ? '' : 's'}
          </a>
          {item.submitter ? (
            <span>
              submitted by{' '}
              {item.submitter.userId ? (
                <a href={userPath(item.submitter.name)}>{item.submitter.name}</a>
              ) : (
                (item.submitter.fullname ?? item.submitter.name)
              )}
            </span>
          ) : null}
          {code ? (
            <a href={code} rel="nofollow noopener">
              code{item.githubStars !== null ? ` ★ ${item.githubStars.toLocaleString('en')}` : ''}
            </a>
          ) : null}
        </p>
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
    </article>
  );
}
