import { z } from 'zod';
import { ARXIV_CATEGORY } from '../domain/arxiv-category.ts';
import { badRequest } from '../domain/errors.ts';
import {
  dayPeriod,
  InvalidPeriodError,
  monthPeriod,
  weekPeriod,
  type Period,
} from '../domain/periods.ts';

/** The spans a list covers. */
export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PeriodKindSchema = z.enum(PERIOD_KINDS);

const PERIOD_OF: Record<PeriodKind, (text: string) => Period> = {
  day: dayPeriod,
  week: weekPeriod,
  month: monthPeriod,
};

/**
 * A period named as URLs, the APIs and the CLI name it (`2026-03-18`, `2026-W12`, `2026-03`),
 * read into its first and last day: the one schema each list address and parameter uses.
 */
export function periodSchema(kind: PeriodKind) {
  return z.string().transform((text, ctx): Period => {
    try {
      return PERIOD_OF[kind](text);
    } catch (error) {
      if (!(error instanceof InvalidPeriodError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

/** Reads a period; one that does not exist is a 400 `invalid_period` naming what was expected. */
export function parsePeriod(kind: PeriodKind, text: string): Period {
  const parsed = periodSchema(kind).safeParse(text);
  if (parsed.success) return parsed.data;
  throw badRequest('invalid_period', `${parsed.error.issues[0]!.message}.`);
}

/** Whether text names a period of this kind. */
export function isPeriod(kind: PeriodKind, text: string): boolean {
  return periodSchema(kind).safeParse(text).success;
}

/** Orders of a list: by upvotes (the list order) or newest first. */
export const ListSortSchema = z.enum(['upvotes', 'published']);

/** What a list page's query asks for: which section, filtered how, in which order. */
export interface ListQuery {
  section: 'curated' | 'arxiv';
  category: string | null;
  hasCode: boolean;
  sort: z.infer<typeof ListSortSchema>;
}

/** A list page's address, `?list=arxiv&cat=cs.CL&code=1&sort=new`, as text. */
export const ListAddressSchema = z.object({
  list: z
    .enum(['curated', 'arxiv'], { error: 'expected "curated" or "arxiv"' })
    .optional()
    .transform((v) => v ?? 'curated'),
  cat: z
    .string()
    .refine((v) => v === '' || ARXIV_CATEGORY.test(v), 'expected an arXiv category such as cs.CL')
    .optional()
    .transform((v) => v || null),
  code: z
    .enum(['', '1'], { error: 'expected 1 (only papers with code)' })
    .optional()
    .transform((v) => v === '1'),
  sort: z
    .enum(['', 'upvotes', 'new'], { error: 'expected "upvotes" or "new"' })
    .optional()
    .transform((v) => (v === 'new' ? 'published' : 'upvotes')),
});

const ADDRESS_CODES: Record<string, string> = {
  list: 'invalid_list',
  cat: 'invalid_category',
  code: 'invalid_code',
  sort: 'invalid_sort',
};

/** Reads `?list=arxiv&cat=cs.CL&code=1&sort=new`; a bad value is a clear 400 naming it. */
export function parseListQuery(get: (name: string) => string | undefined): ListQuery {
  const parsed = ListAddressSchema.safeParse({
    list: get('list'),
    cat: get('cat'),
    code: get('code'),
    sort: get('sort'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'list');
    throw badRequest(ADDRESS_CODES[field] ?? 'invalid_list', `${field}: ${issue.message}.`);
  }
  const { list, cat, code, sort } = parsed.data;
  return { section: list, category: cat, hasCode: code, sort };
}

/** The query string that asks for `q` (empty for the default view). */
export function listQueryString(q: ListQuery): string {
  const params = new URLSearchParams();
  if (q.section === 'arxiv') params.set('list', 'arxiv');
  if (q.category) params.set('cat', q.category);
  if (q.hasCode) params.set('code', '1');
  if (q.sort === 'published') params.set('sort', 'new');
  return params.toString();
}
