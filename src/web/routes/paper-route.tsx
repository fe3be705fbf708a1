import type { Context, Next } from 'hono';
import { toBibtex } from '../../citations/bibtex.ts';
import { HighwireMeta } from '../../citations/highwire.tsx';
import { toMarkdown } from '../../citations/markdown.ts';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { viewerOf } from '../middleware/session.ts';
import { PaperPage } from '../pages/paper-page.tsx';
import { figureOf } from '../pages/paper-thumb.tsx';
import { absoluteImage, excerpt, SocialMeta } from '../pages/social-meta.tsx';
import { paperPath } from '../pages/paths.ts';
import { rawPaperParam } from './paper-id.ts';
import { sendPage, sendSharedPage } from './render.ts';
import { hasChartData, StarChart } from '../pages/star-chart.tsx';

/** True when a client asks for Markdown ahead of (or instead of) HTML. */
export function wantsMarkdown(accept: string | undefined): boolean {
  if (!accept || !/\btext\/markdown\b/i.test(accept)) return false;
  const html = accept.search(/\btext\/html\b/i);
  return html === -1 || accept.search(/\btext\/markdown\b/i) < html;
}

/** GET /papers/:id — one paper; any other form of its id redirects to the canonical address. */
export function paperPage(deps: AppDeps) {
  return async (c: Context, next: Next) => {
    const raw = rawPaperParam(c);
    const parsed = parseArxivId(raw);
    // Not an id (`/papers/ID.md`, `/papers/trending`): leave it to the routes after this one.
    if (!parsed) return next();
    if (parsed.id !== raw) return c.redirect(paperPath(parsed.id), 301);
    c.header('Vary', 'Accept');
    if (wantsMarkdown(c.req.header('accept'))) {
      // As on Hugging Face: `Accept: text/markdown` on a paper page answers the paper as Markdown.
      const details = await deps.papers.paperDetails(parsed.id, null);
      if (!details) throw notFound(`There is no paper ${parsed.id} here.`);
      const { paper } = details;
      const body = toMarkdown(paper, { pageUrl: `${deps.config.baseUrl}${paperPath(paper.id)}` });
      return c.body(body, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    }
    const cache = deps.pageCache;
    const viewer = viewerOf(c);
    // Signed out, the details are the same for everyone; what hangs off the paper is shared too.
    const details = viewer
      ? await deps.papers.paperDetails(parsed.id, viewer)
      : await cache.get(`paper:${parsed.id}`, () => deps.papers.paperDetails(parsed.id, null));
    if (!details)
      throw new AppError(
        404,
        'not_found',
        `Folio has no paper ${parsed.id} yet. Signed-in members can add it from the Submit page.`,
      );
    const extras = await cache.get(`paper-extras:${details.paper.id}`, async () => {
      const [threads, similar, activity] = await Promise.all([
        deps.community.comments.threadsOn(details.paper.id),
        deps.search.similar(details.paper.id, 6),
        deps.trending.activity(details.paper),
      ]);
      return { threads, similar, activity };
    });
    // A page view for trending: a per-day counter, nothing about the visitor kept; never fails the page.
    void deps.trending
      .recordView(details.paper.id, c.req.header('user-agent'), deps.clock.now())
      .catch(() => undefined);
    const data = { ...details, ...extras };
    const personal = viewer
      ? {
          state: (await deps.personal.library.stateOf(viewer, [data.paper.id])).get(data.paper.id)!,
          collections: await deps.personal.library.collections(viewer),
        }
      : null;
    const render = () => {
      const { paper, entries } = data;
      const pageUrl = `${deps.config.baseUrl}${paperPath(paper.id)}`;
      const submittedEntry = entries.find((e) => e.memberName ?? e.submitterName);
      const stars = entries.map((e) => e.githubStars).find((s) => s !== null) ?? null;
      return String(
        <PaperPage
          paper={paper}
          listing={data}
          generated={data.generatedSummary}
          upvotes={data.upvotes}
          voted={data.voted}
          library={personal}
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
          threads={data.threads}
          similar={data.similar.filter((p) => p.id !== paper.id)}
          bibtex={toBibtex(paper)}
          chart={hasChartData(data.activity) ? <StarChart activity={data.activity} /> : null}
          head={
            <>
              <SocialMeta
                card={{
                  // Plain text, TeX and all, as in <title>: previews cannot render KaTeX.
                  title: paper.title,
                  description: excerpt(paper.abstract),
                  url: pageUrl,
                  image: absoluteImage(figureOf(data), deps.config.baseUrl),
                }}
              />
              <HighwireMeta paper={paper} pageUrl={pageUrl} />
            </>
          }
        />,
      );
    };
    // Signed out, the page is the same for everyone.
    if (!viewer) return sendSharedPage(c, cache, `html:paper:${data.paper.id}`, render);
    return sendPage(c, render());
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
