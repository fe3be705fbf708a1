import type { Selectable } from 'kysely';
import type { Paper, PaperVersion } from '../domain/paper.ts';
import type { PapersTable } from '../db/schema.ts';

export type PaperRow = Selectable<PapersTable>;

/** Row → domain paper. */
export function paperFromRow(row: PaperRow): Paper {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: parseJsonArray<string>(row.authors),
    categories: parseJsonArray<string>(row.categories),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    listingDate: row.listing_date,
    comment: row.comment,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    codeRepo: row.code_repo,
    projectPage: row.project_page,
    versions: parseJsonArray<PaperVersion>(row.versions),
  };
}

function parseJsonArray<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
