import { z } from '@hono/zod-openapi';
import { codeUrl } from '../../../citations/markdown.ts';
import { paperLinks } from '../../../citations/links.ts';
import type { ListedPaper } from '../../../domain/listed-paper.ts';
import type { Paper } from '../../../domain/paper.ts';

const Time = z.string().openapi({ format: 'date-time' });

export const PaperSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    abstract: z.string(),
    authors: z.array(z.string()),
    categories: z.array(z.string()).openapi({ description: 'Primary category first' }),
    publishedAt: Time.nullable(),
    updatedAt: Time.nullable(),
    listingDate: z.string().openapi({ format: 'date' }).nullable(),
    comment: z.string().nullable(),
    journalRef: z.string().nullable(),
    doi: z.string().nullable(),
    license: z.string().nullable(),
    codeUrl: z.string().nullable(),
    projectPage: z.string().nullable(),
    links: z.object({
      page: z.string(),
      abs: z.string(),
      pdf: z.string(),
      bibtex: z.string(),
      markdown: z.string(),
    }),
  })
  .openapi('Paper');

export const SubmitterSchema = z
  .object({ name: z.string(), fullname: z.string().nullable() })
  .openapi('Submitter');

export const ListEntrySchema = z
  .object({
    paper: PaperSchema,
    day: z.string().openapi({ format: 'date' }),
    addedAt: Time,
    upvotes: z.number().int(),
    numComments: z.number().int(),
    submitter: SubmitterSchema.nullable(),
    featured: z.boolean(),
    githubStars: z.number().int().nullable(),
    keywords: z.array(z.string()).openapi({
      description:
        'Key phrases: the source’s (Hugging Face’s) where it gave some, else extracted from title and abstract',
    }),
    aiSummary: z.string().nullable().openapi({
      description:
        'A one-sentence summary by the source’s model (Hugging Face’s); never the abstract',
    }),
  })
  .openapi('ListEntry');

export const PeriodSchema = z
  .object({
    kind: z.enum(['day', 'week', 'month']),
    label: z.string(),
    from: z.string().openapi({ format: 'date' }),
    to: z.string().openapi({ format: 'date' }),
  })
  .openapi('Period');

export const PaperListSchema = z
  .object({
    period: PeriodSchema.nullable(),
    items: z.array(ListEntrySchema),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  })
  .openapi('PaperList');

/** A paper as Folio's own API writes it. */
export function paperJson(paper: Paper, baseUrl: string): z.infer<typeof PaperSchema> {
  const links = paperLinks(paper);
  const page = `${baseUrl}/papers/${paper.id}`;
  return {
    id: paper.id,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    publishedAt: paper.publishedAt,
    updatedAt: paper.updatedAt,
    listingDate: paper.listingDate,
    comment: paper.comment,
    journalRef: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    codeUrl: paper.codeRepo ? codeUrl(paper.codeRepo) : null,
    projectPage: paper.projectPage,
    links: {
      page,
      abs: links.abs,
      pdf: links.pdf,
      bibtex: `${page}/cite.bib`,
      markdown: `${page}.md`,
    },
  };
}

/** A list entry as Folio's own API writes it. */
export function listEntryJson(l: ListedPaper, baseUrl: string): z.infer<typeof ListEntrySchema> {
  return {
    paper: paperJson(l.paper, baseUrl),
    day: l.day,
    addedAt: new Date(l.addedAt).toISOString(),
    upvotes: l.upvotes,
    numComments: l.numComments,
    submitter: l.submitter ? { name: l.submitter.name, fullname: l.submitter.fullname } : null,
    featured: l.featured,
    githubStars: l.githubStars,
    keywords: l.keywords,
    aiSummary: l.aiSummary,
  };
}
