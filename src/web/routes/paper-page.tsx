import type { Context, Next } from 'hono';
import { commentsOnPaper } from '../../community/comment.repository.ts';
import { entryDaysOfPaper } from '../../community/submission.repository.ts';
import { countUpvotes, votedAmong } from '../../community/vote.repository.ts';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { findPaper } from '../../papers/paper.repository.ts';
import type { AppDeps } from '../app.ts';
import { viewerOf } from '../middleware/session.ts';
import { paperBibtex } from '../pages/bibtex.ts';
import { PaperPage } from '../pages/paper-page.tsx';
import { paperPath } from '../pages/paths.ts';
import { hasTex } from '../pages/tex.tsx';
import { rawPaperParam } from './paper-id.ts';
import { sendPage } from './render.ts';

/** GET /papers/:id — one paper; any other form of its id redirects to the canonical address. */
export function paperPage(deps: AppDeps) {
  return async (c: Context, next: Next) => {
    const raw = rawPaperParam(c);
    const parsed = parseArxivId(raw);
    // Not an id (`/papers/ID.md`, `/papers/trending`): leave it to the routes after this one.
    if (!parsed) return next();
    if (parsed.id !== raw) return c.redirect(paperPath(parsed.id), 301);
    const paper = await findPaper(deps.db.kysely, parsed.id);
    if (!paper)
      throw new AppError(
        404,
        'not_found',
        `Folio has no paper ${parsed.id} yet. Signed-in members can add it from the Submit page.`,
      );
    const viewer = viewerOf(c);
    const [upvotes, voted, entries, comments, similar] = await Promise.all([
      countUpvotes(deps.db.kysely, paper.id),
      viewer
        ? votedAmong(deps.db.kysely, viewer.id, [paper.id])
        : Promise.resolve(new Set<string>()),
      entryDaysOfPaper(deps.db.kysely, paper.id),
      commentsOnPaper(deps.db.kysely, paper.id),
      deps.search.similar(paper.id, 6),
    ]);
    const submittedEntry = entries.find((e) => e.memberName ?? e.submitterName);
    const stars = entries.map((e) => e.githubStars).find((s) => s !== null) ?? null;
    return sendPage(
      c,
      <PaperPage
        paper={paper}
        upvotes={upvotes}
        voted={voted.has(paper.id)}
        submitted={
          submittedEntry
            ? {
                name: (submittedEntry.memberName ?? submittedEntry.submitterName)!,
                member: submittedEntry.memberName !== null,
                day: submittedEntry.day,
              }
            : null
        }
        githubStars={stars}
        comments={comments}
        similar={similar.filter((p) => p.id !== paper.id)}
        bibtex={paperBibtex(paper)}
        head={
          hasTex(paper.abstract) ? (
            <link rel="stylesheet" href="/static/katex/katex.min.css" />
          ) : null
        }
      />,
    );
  };
}

/** GET /abs/:id and /papers?id= — arXiv-style addresses land on the paper's page. */
export function absRedirect() {
  return (c: Context) => {
    const parsed = parseArxivId(rawPaperParam(c));
    if (!parsed) throw notFound(`"${rawPaperParam(c).slice(0, 60)}" is not an arXiv id.`);
    return c.redirect(paperPath(parsed.id), 301);
  };
}
