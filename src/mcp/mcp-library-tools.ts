import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { requireWriteScope, type ApiTokenAccess } from '../community/api-tokens.ts';
import type { CommunityService } from '../community/community.setup.ts';
import { LIMITS } from '../community/rate-limit.service.ts';
import type { User } from '../community/user.ts';
import { AppError, notFound } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import { readingStatusSchema } from '../library/library.schemas.ts';
import type { PersonalServices } from '../library/library.setup.ts';
import type { Collection } from '../library/library.types.ts';
import { addTool, limitInput, linesMarkdown, PAPER_FIELDS, paperJson } from './mcp-tool.ts';

/** What the library tools use: the member's library, and the store for the write limit. */
export interface LibraryToolDeps {
  community: Pick<CommunityService, 'hitRateLimit'>;
  personal: Pick<PersonalServices, 'library'>;
  config: { baseUrl: string };
}

const SAVED_OUTPUT = {
  papers: z.array(
    z.object({
      ...PAPER_FIELDS,
      status: readingStatusSchema.describe('to_read or read'),
      note: z.string().nullable(),
      savedAt: z.string().nullable(),
    }),
  ),
};

const COLLECTIONS_OUTPUT = {
  collections: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      description: z.string(),
      visibility: z.enum(['private', 'public', 'link']),
      paperCount: z.number(),
      updatedAt: z.string(),
    }),
  ),
};

/** A paper of the member's library as the list tool answers it. */
interface LibraryLine {
  paper: Paper;
  status: 'to_read' | 'read';
  note: string | null;
  /** Null for a collection's papers (when they were saved is not kept per collection). */
  savedAt: string | null;
}

const collectionInput = z
  .string()
  .min(1)
  .max(100)
  .describe('One of your collections, by name or number');

/**
 * The member's library as tools: `library_list` (saved papers, or one collection's),
 * `library_collections` and `library_save`. They are listed for every client but answer only
 * to one that sent a personal API token; saving also needs the token's write scope and counts
 * against the member's API write limit.
 */
export function registerLibraryTools(
  server: McpServer,
  deps: LibraryToolDeps,
  access: ApiTokenAccess | null,
  pageUrl: (id: string) => string,
): void {
  const { library } = deps.personal;
  const member = (tool: string): User => {
    if (!access)
      throw new AppError(
        401,
        'token_required',
        `${tool} works on a member's library: connect with a personal API token (create one at ${deps.config.baseUrl}/account/tokens; send it as "Authorization: Bearer <token>" to /mcp, or run \`folio mcp --token <token>\`).`,
      );
    return access.user;
  };
  const collectionOf = async (user: User, text: string): Promise<Collection> => {
    const named = await library.collectionNamed(user, text);
    if (named) return named;
    if (/^\d{1,12}$/.test(text.trim())) {
      const mine = (await library.collections(user)).find((c) => c.id === Number(text.trim()));
      if (mine) return mine;
    }
    throw notFound(`You have no collection "${text}".`);
  };

  addTool(
    server,
    'library_list',
    {
      title: 'Your saved papers',
      description:
        'The papers you saved, newest first, with your reading status and note; or the papers of one of your collections. Needs a personal API token.',
      input: {
        status: readingStatusSchema.optional().describe('Only papers to read, or read'),
        collection: collectionInput.optional(),
        limit: limitInput(200, 50),
      },
      output: SAVED_OUTPUT,
    },
    async ({ status, collection, limit }) => {
      const user = member('library_list');
      const max = limit ?? 50;
      let title: string;
      let saved: LibraryLine[];
      if (collection) {
        const chosen = await collectionOf(user, collection);
        const { papers } = await library.collection(user, chosen.id);
        const states = await library.stateOf(
          user,
          papers.map((p) => p.id),
        );
        saved = papers.map((paper) => {
          const state = states.get(paper.id);
          return {
            paper,
            status: state?.status ?? 'to_read',
            note: state?.note ?? null,
            savedAt: null,
          };
        });
        if (status) saved = saved.filter((s) => s.status === status);
        title = `Collection: ${chosen.name}`;
      } else {
        saved = await library.saved(user, { ...(status ? { status } : {}), limit: max });
        title =
          status === 'read' ? 'Your read papers' : status ? 'Your papers to read' : 'Your library';
      }
      saved = saved.slice(0, max);
      const lines = saved.map((s) => ({
        paper: s.paper,
        upvotes: null,
        note: s.status === 'read' ? 'read' : 'to read',
      }));
      return {
        content: [{ type: 'text' as const, text: linesMarkdown(title, lines, pageUrl) }],
        structuredContent: {
          papers: saved.map((s) => ({
            ...paperJson({ paper: s.paper, upvotes: null }, pageUrl),
            status: s.status,
            note: s.note,
            savedAt: s.savedAt,
          })),
        },
      };
    },
  );

  addTool(
    server,
    'library_collections',
    {
      title: 'Your collections',
      description:
        'Your collections by name, with how many papers each holds. Needs a personal API token.',
      input: {},
      output: COLLECTIONS_OUTPUT,
    },
    async () => {
      const list = await library.collections(member('library_collections'));
      const text =
        list.length === 0
          ? '# Your collections\n\nNo collections.'
          : [
              '# Your collections',
              '',
              ...list.map((c) => `- ${c.name} (#${c.id}, ${c.visibility}, ${c.paperCount} papers)`),
            ].join('\n');
      return {
        content: [{ type: 'text' as const, text }],
        structuredContent: {
          collections: list.map((c) => ({
            id: c.id,
            name: c.name,
            description: c.description,
            visibility: c.visibility,
            paperCount: c.paperCount,
            updatedAt: c.updatedAt,
          })),
        },
      };
    },
  );

  addTool(
    server,
    'library_save',
    {
      title: 'Save a paper to your library',
      description:
        'Saves a paper Folio holds to your library (private), optionally setting your reading status or note and adding it to one of your collections. Saving again updates it. Needs a personal API token with the write scope.',
      input: {
        id: z.string().max(300).describe('arXiv id in any form, or an arXiv URL'),
        status: readingStatusSchema.optional(),
        note: z.string().max(10_000).optional(),
        collection: collectionInput.optional(),
      },
      output: SAVED_OUTPUT,
      readOnly: false,
    },
    async ({ id, status, note, collection }) => {
      const user = member('library_save');
      // A read-only token is refused as the API refuses it.
      requireWriteScope(access!);
      await deps.community.hitRateLimit(LIMITS.apiWrite, `user:${user.id}`);
      const chosen = collection ? await collectionOf(user, collection) : null;
      const saved = await library.save(user, id, {
        ...(status ? { status } : {}),
        ...(note !== undefined ? { note } : {}),
      });
      if (chosen) await library.addToCollection(user, chosen.id, [saved.paper.id]);
      const where = chosen ? ` and to the collection ${chosen.name}` : '';
      return {
        content: [
          {
            type: 'text' as const,
            text: `Saved ${saved.paper.id} (${saved.paper.title.replace(/\s+/g, ' ')}) to your library${where}, marked ${saved.status === 'read' ? 'read' : 'to read'}.`,
          },
        ],
        structuredContent: {
          papers: [
            {
              ...paperJson({ paper: saved.paper, upvotes: null }, pageUrl),
              status: saved.status,
              note: saved.note,
              savedAt: saved.savedAt,
            },
          ],
        },
      };
    },
  );
}
