import { z } from 'zod';
import { badRequest } from '../domain/errors.ts';

/** Ways to rank: words, meaning, or both fused. */
export const SEARCH_MODES = ['hybrid', 'keyword', 'semantic'] as const;
/** Orders of a ranked list. */
export const SEARCH_SORTS = ['relevance', 'date', 'trending'] as const;
/** Deepest first result a page may start at. */
export const MAX_SEARCH_OFFSET = 10_000;

/** A calendar day, YYYY-MM-DD, that exists. */
export const SearchDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'expected a day as YYYY-MM-DD');

/** An arXiv category such as cs.CL. */
export const SearchCategory = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/, 'expected an arXiv category such as cs.CL');

/**
 * Search options: the one schema the site form, both APIs and `folio search` read their input
 * into, and the search service checks. Any `q` is valid; everything else is checked here.
 */
export const SearchOptionsSchema = z.object({
  q: z.string().default(''),
  mode: z.enum(SEARCH_MODES).default('hybrid'),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  from: SearchDay.optional(),
  to: SearchDay.optional(),
  categories: z.array(SearchCategory).max(8).default([]),
  hasCode: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
});

export type SearchOptions = z.infer<typeof SearchOptionsSchema>;
export type SearchOptionsInput = z.input<typeof SearchOptionsSchema>;

/** Parses search options; a bad one is a 400 AppError naming the option (`bad_mode`, …). */
export function parseSearchOptions(input: SearchOptionsInput): SearchOptions {
  const cleaned = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = SearchOptionsSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'options');
  const code = field === 'from' || field === 'to' ? 'bad_date' : `bad_${field}`;
  return fail(code, `${field}: ${issue.message}`);
}

function fail(code: string, message: string): never {
  throw badRequest(code, message);
}
