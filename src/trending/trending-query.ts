import { z } from 'zod';
import { ARXIV_CATEGORY } from '../domain/arxiv-category.ts';
import { badRequest } from '../domain/errors.ts';
import { TRENDING_WINDOWS, type TrendingWindow } from '../domain/trending-score.ts';

/** A trending window's name: `24h`, `7d` or `30d`. */
export const TrendingWindowSchema = z.enum(TRENDING_WINDOWS, {
  error: 'expected 24h, 7d or 30d',
});

/** The ages the site's "published within" choice offers, in days. */
export const WITHIN_CHOICES = [1, 3, 7, 30, 90, 365] as const;
/** Pages the trending page goes to at most. */
export const MAX_TRENDING_PAGE = 100;

/**
 * The trending query: the one schema the site's address, `/api/v1/trending`, the feeds,
 * `folio trending ls` and the trending service read their input into.
 */
export const TrendingQuerySchema = z.object({
  window: TrendingWindowSchema.default('24h'),
  category: z
    .string()
    .max(40, 'expected an arXiv category such as cs.CL')
    .regex(ARXIV_CATEGORY, 'expected an arXiv category such as cs.CL')
    .optional(),
  hasCode: z.boolean().default(false),
  /** Only papers that first appeared within this many days. */
  publishedWithinDays: z
    .number({ error: 'expected a number of days' })
    .int('expected a number of days')
    .min(1, 'expected a number of days')
    .max(36_500, 'expected a number of days')
    .optional(),
  limit: z
    .number({ error: 'expected a whole number from 1 to 1000' })
    .int('expected a whole number from 1 to 1000')
    .min(1, 'expected a whole number from 1 to 1000')
    .max(1000, 'expected a whole number from 1 to 1000')
    .default(30),
  offset: z
    .number({ error: 'expected a whole number from 0 to 100000' })
    .int('expected a whole number from 0 to 100000')
    .min(0, 'expected a whole number from 0 to 100000')
    .max(100_000, 'expected a whole number from 0 to 100000')
    .default(0),
});

export type TrendingQuery = z.infer<typeof TrendingQuerySchema>;
export type TrendingQueryInput = z.input<typeof TrendingQuerySchema>;

const FIELD_NAMES: Record<string, { code: string; name: string }> = {
  publishedWithinDays: { code: 'invalid_published_within', name: 'published within' },
};

/** Parses a trending query; a bad value is a 400 AppError naming it (`invalid_window`, …). */
export function parseTrendingQuery(input: TrendingQueryInput): TrendingQuery {
  const parsed = TrendingQuerySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'query');
  const named = FIELD_NAMES[field] ?? { code: `invalid_${field}`, name: field };
  throw badRequest(named.code, `${named.name}: ${issue.message}`);
}

/** The trending page's address (`?window=7d&category=cs.CL&code=1&within=7&page=2`), as text. */
export const TrendingAddressSchema = z.object({
  window: z
    .string()
    .optional()
    .transform((v) => v || '24h')
    .pipe(TrendingWindowSchema),
  category: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim()),
  code: z
    .enum(['', '0', '1', 'on', 'true'], { error: 'expected 1 to show only papers with code' })
    .optional()
    .transform((v) => v === '1' || v === 'on' || v === 'true'),
  within: z
    .enum(['', ...WITHIN_CHOICES.map(String)] as [string, ...string[]], {
      error: `expected one of ${WITHIN_CHOICES.join(', ')} days`,
    })
    .optional()
    .transform((v) => (v ? Number(v) : null)),
  page: z
    .string()
    .regex(/^\d{0,4}$/, `expected a page number from 1 to ${MAX_TRENDING_PAGE}`)
    .optional()
    .transform((v) => (v ? Number(v) : 1))
    .pipe(
      z
        .number()
        .min(1, `expected a page number from 1 to ${MAX_TRENDING_PAGE}`)
        .max(MAX_TRENDING_PAGE, `expected a page number from 1 to ${MAX_TRENDING_PAGE}`),
    ),
});

/** The filters a trending page was asked for, as they appear in its address. */
export interface TrendingAddress {
  window: TrendingWindow;
  category: string;
  hasCode: boolean;
  /** Days, or null for any age. */
  within: number | null;
  page: number;
}

/** Reads the trending page's address; a value that does not fit is a clear 400 naming it. */
export function parseTrendingAddress(get: (name: string) => string | undefined): TrendingAddress {
  const parsed = TrendingAddressSchema.safeParse({
    window: get('window'),
    category: get('category'),
    code: get('code'),
    within: get('within'),
    page: get('page'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'query');
    throw badRequest(`invalid_${field}`, `${field}: ${issue.message}.`);
  }
  const { code, ...rest } = parsed.data;
  return { ...rest, hasCode: code };
}

/** Parses a window name from a URL or flag; null when it is not one. */
export function parseTrendingWindow(value: string | undefined | null): TrendingWindow | null {
  const parsed = TrendingWindowSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
