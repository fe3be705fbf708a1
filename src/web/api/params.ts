import { z } from '@hono/zod-openapi';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { ARXIV_CATEGORY } from '../../domain/arxiv-category.ts';
import { dayOrNull } from '../../domain/paper-normalize.ts';
import { isPeriod } from '../../papers/list-query.ts';

// Query parameters shared by the HF-compatible and Folio routes; each rejects impossible values.

export const DayParam = z
  .string()
  .refine((v) => dayOrNull(v) !== null, 'expected a calendar day YYYY-MM-DD')
  .openapi({ example: '2025-03-18', format: 'date' });

export const WeekParam = z
  .string()
  .refine((v) => isPeriod('week', v), 'expected an ISO week YYYY-Www, e.g. 2025-W12')
  .openapi({ example: '2025-W12' });

export const MonthParam = z
  .string()
  .refine((v) => isPeriod('month', v), 'expected a month YYYY-MM')
  .openapi({ example: '2025-03' });

export const ArxivIdParam = z
  .string()
  .max(300)
  .refine((v) => parseArxivId(v) !== null, 'expected an arXiv id such as 2410.17243')
  .openapi({ example: '2503.11677' });

export const CategoryParam = z
  .string()
  .max(40)
  .regex(ARXIV_CATEGORY, 'expected an arXiv category such as cs.CL')
  .openapi({ example: 'cs.CL' });

/** A whole number in a range, given as query text. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max });

export const BoolParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .openapi({ type: 'boolean' });

export const CursorParam = z
  .string()
  .max(500)
  .openapi({ description: 'From the previous page’s Link header' });
