import { parseArxivId } from '../../domain/arxiv-id.ts';
import { notFound } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import { findListedPaper } from '../../papers/listed-paper.repository.ts';

/** The paper an API path names (an arXiv id the route's schema has checked), or a 404. */
export async function requireListedPaper(db: Db, rawId: string) {
  const id = parseArxivId(rawId)!.id;
  const listed = await findListedPaper(db, id);
  if (!listed) throw notFound(`There is no paper ${id} here.`);
  return listed;
}
