import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CommentThread as Thread } from '../../community/comment.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../../domain/arxiv-id.ts';
import { repoUrl } from '../../domain/code-links.ts';
import type { GeneratedSummary } from '../../domain/generated-summary.ts';
import type { ListedPaper } from '../../domain/listed-paper.ts';
import type { Paper } from '../../domain/paper.ts';
import { CommentThread } from './comment-thread.tsx';
import { Layout } from './layout.tsx';
import { authorLine } from './paper-card.tsx';
import { authorPath, dayPath, keywordSearchPath, paperPath, userPath } from './paths.ts';
import { renderAbstractHtml, TexTitle } from './tex.tsx';
import { UpvoteButton } from './upvote-button.tsx';
import { LibraryControls } from './library-controls.tsx';
import type { Collection, PaperLibraryState } from '../../library/library.types.ts';

export interface PaperPageProps {
  paper: Paper;
  /** What the lists say about it: organization, the source's summary and keywords. */
  listing?: Pick<ListedPaper, 'organization' | 'aiSummary' | 'keywords'>;
  /** A summary written by the configured chat model (FOLIO_SUMMARY_URL), shown naming it. */
  generated?: GeneratedSummary | null;
  upvotes: number;
  voted: boolean;
  /** The signed-in member's library state of this paper and their collections. */
  library?: { state: PaperLibraryState; collections: Collection[] } | null;
  /** Who first put the paper on a list, and on which day. */
  submitted: { name: string; member: boolean; day: string } | null;
  githubStars: number | null;
  /** Comments with their replies. */
  threads: Thread[];
  similar: Paper[];
  bibtex: string;
  /** Extra <head> tags (citation meta, KaTeX stylesheet). */
  head?: Child;
  /** The stars and upvotes chart, when the trending module provides one. */
  chart?: Child;
  feeds?: { type: string; title: string; href: string }[];
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** The parts that are present, separated by " · " (none leading or doubled). */
function joinWithDots(parts: (Child | null)[]): Child[] {
  return parts.filter((p) => p !== null).flatMap((p, i) => (i === 0 ? [p] : [' · ', p]));
}

/**
 * One paper, in the order a reader wants it: heading, links (with the citation files), abstract,
 * the arXiv comment, the activity chart, similar papers, then the discussion.
 */
export function PaperPage(props: PaperPageProps) {
  const { paper } = props;
  const code = paper.codeRepo ? repoUrl(paper.codeRepo) : null;
  return (
    <Layout title={paper.title} head={props.head} feeds={props.feeds ?? []}>
      <article class="paper" data-paper={paper.id}>
        <header class="paper-header">
          <p class="meta">
            <span>arXiv:{paper.id}</span>
            {paper.categories.map((c) => (
              <span class="category">{c}</span>
            ))}
          </p>
          <h1>
            <TexTitle text={paper.title} />
          </h1>
          <p class="authors">
            {paper.authors.map((name, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={authorPath(name)}>{name}</a>
              </>
            ))}
          </p>
          <div class="paper-actions">
            <UpvoteButton
              paperId={paper.id}
              upvotes={props.upvotes}
              voted={props.voted}
              back={paperPath(paper.id)}
            />
            <ul class="links" aria-label="Links">
              <li>
                <a href={arxivAbsUrl(paper.id)}>arXiv page</a>
              </li>
              <li>
                <a href={arxivPdfUrl(paper.id)}>PDF</a>
              </li>
              {code ? (
                <li>
                  <a href={code} rel="nofollow noopener">
                    Code
                    {props.githubStars !== null
                      ? ` ★ ${props.githubStars.toLocaleString('en')}`
                      : ''}
                  </a>
                </li>
              ) : null}
              {paper.projectPage ? (
                <li>
                  <a href={paper.projectPage} rel="nofollow noopener">
                    Project page
                  </a>
                </li>
              ) : null}
              <li>
                Cite: <a href={`${paperPath(paper.id)}/cite.bib`}>.bib</a>{' '}
                <a href={`${paperPath(paper.id)}/cite.ris`}>.ris</a>{' '}
                <a href={`${paperPath(paper.id)}/cite.json`}>.json</a>{' '}
                <a href={`${paperPath(paper.id)}.md`}>.md</a>
              </li>
            </ul>
          </div>
          <details id="cite" class="cite">
            <summary>BibTeX</summary>
            <pre id="bibtex" tabindex={0}>
              <code>{props.bibtex}</code>
            </pre>
            <button type="button" class="copy" data-copy="bibtex" hidden>
              Copy BibTeX
            </button>
          </details>
          {props.library ? (
            <LibraryControls
              paperId={paper.id}
              state={props.library.state}
              collections={props.library.collections}
            />
          ) : null}
          <p class="dates">
            {joinWithDots([
              props.submitted ? (
                <>
                  Submitted by{' '}
                  {props.submitted.member ? (
                    <a href={userPath(props.submitted.name)}>{props.submitted.name}</a>
                  ) : (
                    props.submitted.name
                  )}{' '}
                  {props.listing?.organization
                    ? `for ${props.listing.organization.fullname ?? props.listing.organization.name} `
                    : ''}
                  on <a href={dayPath(props.submitted.day)}>{props.submitted.day}</a>
                </>
              ) : null,
              paper.listingDate ? (
                <>
                  Listed <a href={dayPath(paper.listingDate)}>{paper.listingDate}</a>
                </>
              ) : null,
              day(paper.publishedAt) ? <>Published {day(paper.publishedAt)}</> : null,
              day(paper.updatedAt) && day(paper.updatedAt) !== day(paper.publishedAt) ? (
                <>Updated {day(paper.updatedAt)}</>
              ) : null,
            ])}
          </p>
          {paper.versions.length > 1 ? (
            <p class="versions">
              Versions:{' '}
              {paper.versions.map((v, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`${arxivAbsUrl(paper.id)}v${v.version}`}>v{v.version}</a>
                  {v.date ? ` (${day(v.date)})` : ''}
                </>
              ))}
            </p>
          ) : null}
        </header>
        {props.listing?.aiSummary ? (
          <p class="ai-summary">
            <span class="label">AI summary</span> {props.listing.aiSummary}{' '}
            <span class="credit">(written by Hugging Face's model)</span>
          </p>
        ) : null}
        {props.generated && !props.listing?.aiSummary ? (
          // Beside the abstract, never in its place; the model that wrote it is named.
          <p class="ai-summary">
            <span class="label">AI summary</span> {props.generated.text}{' '}
            <span class="credit">(generated by {props.generated.model})</span>
          </p>
        ) : null}
        {props.listing && props.listing.keywords.length > 0 ? (
          <p class="keywords" aria-label="Keywords">
            {props.listing.keywords.map((k) => (
              <a class="chip keyword" href={keywordSearchPath(k)}>
                {k}
              </a>
            ))}
          </p>
        ) : null}
        <section class="abstract" aria-labelledby="abstract-title">
          <h2 id="abstract-title">Abstract</h2>
          {/* Rendered from escaped text and KaTeX's own escaped output. */}
          {raw(renderAbstractHtml(paper.abstract))}
        </section>
        {paper.comment || paper.journalRef || paper.doi ? (
          <dl class="extra">
            {paper.comment ? (
              <>
                <dt>arXiv comment</dt>
                <dd>{paper.comment}</dd>
              </>
            ) : null}
            {paper.journalRef ? (
              <>
                <dt>Journal reference</dt>
                <dd>{paper.journalRef}</dd>
              </>
            ) : null}
            {paper.doi ? (
              <>
                <dt>DOI</dt>
                <dd>
                  <a href={`https://doi.org/${paper.doi}`}>{paper.doi}</a>
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {props.chart ? (
          <section class="chart-slot" aria-labelledby="activity-heading">
            <h2 id="activity-heading">Activity: GitHub stars and upvotes</h2>
            {props.chart}
          </section>
        ) : null}
      </article>
      {props.similar.length > 0 ? (
        <section class="similar" aria-labelledby="similar-title">
          <h2 id="similar-title">Similar papers</h2>
          <ul>
            {props.similar.map((p) => (
              <li>
                <a href={paperPath(p.id)}>
                  <TexTitle text={p.title} />
                </a>
                <span class="authors"> — {authorLine(p.authors)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <CommentThread paperId={paper.id} threads={props.threads} />
    </Layout>
  );
}
