import { z } from 'zod';

/** One schema per input, shared by the site's forms, the API and the CLI. */

export const readingStatusSchema = z.enum(['to_read', 'read']);
export const visibilitySchema = z.enum(['private', 'public', 'link']);
export const followKindSchema = z.enum(['author', 'category', 'search', 'collection']);

/** Saving a paper, or changing its status or note (fields left out stay as they are). */
export const saveInputSchema = z.object({
  status: readingStatusSchema.optional(),
  note: z.string().max(10_000, 'A note is at most 10,000 characters.').optional(),
});
export type SaveInput = z.infer<typeof saveInputSchema>;

/** Creating or editing a collection. */
export const collectionInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'A collection needs a name.')
    .max(100, 'A collection name is at most 100 characters.'),
  description: z
    .string()
    .trim()
    .max(2_000, 'A description is at most 2,000 characters.')
    .default(''),
  visibility: visibilitySchema.default('private'),
});
export type CollectionInput = z.infer<typeof collectionInputSchema>;

const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;

/** Following an author (by name as papers spell it), a category, a search or a collection (by id). */
export const followInputSchema = z
  .object({ kind: followKindSchema, target: z.string().trim().min(1).max(500) })
  .superRefine((f, ctx) => {
    if (f.kind === 'category' && !CATEGORY.test(f.target))
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'expected an arXiv category such as cs.CL',
      });
    if (f.kind === 'collection' && !/^\d{1,12}$/.test(f.target))
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'expected a collection number' });
    if (f.kind === 'author' && f.target.length > 200)
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'an author name is at most 200 characters',
      });
  });
export type FollowInput = z.infer<typeof followInputSchema>;

/** Export formats of a library or collection. */
export const exportFormatSchema = z.enum(['bibtex', 'ris', 'csl-json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;
