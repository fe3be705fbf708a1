import { parseArxivId } from './arxiv-id.ts';
import { findCodeLinks } from './code-links.ts';
import { PAPER_LIMITS, type PaperRecord } from './paper.ts';
import { cleanAbstract, cleanInline, truncate } from './text.ts';

/** A record that cannot be stored, with the reason in words. */
export class InvalidRecordError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidRecordError';
  }
}

/**
 * Validates and cleans a record from any source: a canonical id, cleaned text within limits,
 * categories primary-first and deduplicated, and code links found in the abstract or comment
 * when the source did not give them.
 */
export function normalizeRecord(record: PaperRecord): PaperRecord {
  const parsed = parseArxivId(String(record.id ?? ''));
  if (!parsed)
    throw new InvalidRecordError(
      `invalid arXiv id ${JSON.stringify(String(record.id ?? '')).slice(0, 60)}`,
    );
  const title = truncate(cleanInline(record.title), PAPER_LIMITS.title);
  if (!title) throw new InvalidRecordError(`${parsed.id}: empty title`);
  const abstract = truncate(cleanAbstract(record.abstract), PAPER_LIMITS.abstract);
  const authors = (Array.isArray(record.authors) ? record.authors : [])
    .map((a) => truncate(cleanInline(String(a)), PAPER_LIMITS.author))
    .filter(Boolean)
    .slice(0, PAPER_LIMITS.authors);
  const categories = [
    ...new Set(
      (Array.isArray(record.categories) ? record.categories : [])
        .map((c) => cleanInline(String(c)))
        .filter((c) => c.length > 0 && c.length <= PAPER_LIMITS.category),
    ),
  ].slice(0, PAPER_LIMITS.categories);
  const comment = optionalText(record.comment, PAPER_LIMITS.comment);
  const links = findCodeLinks(abstract, comment);
  const version = positiveInteger(record.version) ?? parsed.version ?? null;
  return {
    id: parsed.id,
    version,
    title,
    abstract,
    authors,
    categories,
    publishedAt: isoOrNull(record.publishedAt),
    updatedAt: isoOrNull(record.updatedAt),
    listingDate: dayOrNull(record.listingDate),
    comment,
    journalRef: optionalText(record.journalRef, 500),
    doi: optionalText(record.doi, 200),
    license: optionalText(record.license, 200),
    codeRepo: record.codeRepo ?? links.codeRepo,
    projectPage: record.projectPage ?? links.projectPage,
    versions: (Array.isArray(record.versions) ? record.versions : [])
      .filter((v) => positiveInteger(v?.version) !== null)
      .map((v) => ({ ...v, date: isoOrNull(v.date) })),
  };
}

function positiveInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function optionalText(value: string | null | undefined, max: number): string | null {
  const text = truncate(cleanInline(value), max);
  return text.length > 0 ? text : null;
}

/** Any parseable date → ISO-8601 UTC with `Z`, else null. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A YYYY-MM-DD day that exists on the calendar, else null. */
export function dayOrNull(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}
