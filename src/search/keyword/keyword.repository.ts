import type { Db } from '../../db/database.ts';
import { fts5Search } from './fts5-keyword.ts';
import type { KeywordRequest, KeywordRows } from './keyword.types.ts';
import { pgSearch } from './pg-keyword.ts';

/** Keyword (BM25) search on either dialect, one API. */
export function keywordSearch(db: Db, req: KeywordRequest): Promise<KeywordRows> {
  return db.dialect === 'sqlite' ? fts5Search(db.kysely, req) : pgSearch(db.kysely, req);
}
