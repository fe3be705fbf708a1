import { z } from '@hono/zod-openapi';

// Field names and JSON types follow the Hugging Face Papers API, so its clients read Folio.
const IsoTime = z.string().openapi({ format: 'date-time', example: '2024-10-25T00:57:09.392Z' });

export const HfAuthorSchema = z
  .object({
    _id: z.string(),
    name: z.string(),
    hidden: z.boolean(),
  })
  .openapi('HfAuthor');

export const HfUserSchema = z
  .object({
    _id: z.string().optional(),
    avatarUrl: z.string(),
    fullname: z.string(),
    name: z.string(),
    user: z.string().optional(),
    type: z.literal('user'),
    isPro: z.boolean(),
    isHf: z.boolean(),
    isMod: z.boolean(),
    followerCount: z.number().int().optional(),
  })
  .openapi('HfUser');

export const HfPaperSchema = z
  .object({
    id: z.string().openapi({ description: 'arXiv id without version', example: '2410.17243' }),
    authors: z.array(HfAuthorSchema),
    publishedAt: IsoTime.openapi({ description: 'When arXiv published version 1' }),
    submittedOnDailyAt: IsoTime.optional().openapi({
      description: 'When it was put on a daily list',
    }),
    title: z.string(),
    summary: z.string().openapi({ description: 'The abstract' }),
    upvotes: z.number().int(),
    discussionId: z.string(),
    githubRepo: z.string().optional(),
    githubStars: z.number().int().optional(),
    projectPage: z.string().optional(),
  })
  .openapi('HfPaper');

export const HfDailyPaperSchema = z
  .object({
    paper: HfPaperSchema,
    publishedAt: IsoTime.openapi({ description: 'When the paper was put on the list' }),
    title: z.string(),
    summary: z.string(),
    thumbnail: z.string(),
    numComments: z.number().int(),
    submittedBy: HfUserSchema,
    isAuthorParticipating: z.boolean(),
  })
  .openapi('HfDailyPaper');

export const HfPaperDetailSchema = HfPaperSchema.extend({
  numComments: z.number().int(),
  submittedOnDailyBy: HfUserSchema.optional(),
}).openapi('HfPaperDetail');

export const HfSearchResultSchema = z
  .object({
    paper: HfPaperSchema,
    publishedAt: IsoTime,
    title: z.string(),
    summary: z.string(),
    thumbnail: z.string(),
    numComments: z.number().int(),
    submittedBy: HfUserSchema,
    isAuthorParticipating: z.boolean(),
  })
  .openapi('HfSearchResult');

export type HfPaper = z.infer<typeof HfPaperSchema>;
export type HfDailyPaper = z.infer<typeof HfDailyPaperSchema>;
export type HfUser = z.infer<typeof HfUserSchema>;
export type HfPaperDetail = z.infer<typeof HfPaperDetailSchema>;
