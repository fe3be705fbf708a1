import type { Context } from 'hono';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { notFound } from '../../domain/errors.ts';

/** The paper id in a route: `/papers/:id`, or `/papers/:archive/:num` for old-style ids. */
export function rawPaperParam(c: Context): string {
  const archive = c.req.param('archive');
  const num = c.req.param('num');
  return archive && num ? `${archive}/${num}` : (c.req.param('id') ?? '');
}

/** The canonical paper id named by a route, or a 404 that says the text is not an arXiv id. */
export function paperIdParam(c: Context): string {
  const raw = rawPaperParam(c);
  const parsed = parseArxivId(raw);
  if (!parsed) throw notFound(`"${raw.slice(0, 60)}" is not an arXiv id.`);
  return parsed.id;
}
