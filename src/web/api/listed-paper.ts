import { parseArxivId } from '../../domain/arxiv-id.ts';
import { notFound } from '../../domain/errors.ts';
import type { PapersService } from '../../papers/paper.service.ts';

/** The details of the paper an API path names (an arXiv id the route's schema has checked), or a 404. */
export async function requirePaperDetails(papers: PapersService, rawId: string) {
  const id = parseArxivId(rawId)!.id;
  const details = await papers.paperDetails(id, null);
  if (!details) throw notFound(`There is no paper ${id} here.`);
  return details;
}
