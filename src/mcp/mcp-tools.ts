import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { toMarkdown } from '../citations/markdown.ts';
import type { ApiTokenAccess } from '../community/api-tokens.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import { dayPeriod, monthPeriod, weekPeriod, type Period } from '../domain/periods.ts';
import type { PersonalServices } from '../library/library.setup.ts';
import type { ListsService } from '../papers/lists.setup.ts';
import type { PapersService } from '../papers/paper.service.ts';
import type { SearchService } from '../search/search.service.ts';
import type { TrendingService } from '../trending/trending.setup.ts';
import type { CommunityService } from '../community/community.setup.ts';
import { TrendingWindowSchema } from '../trending/trending-query.ts';
import { registerLibraryTools } from './mcp-library-tools.ts';
import {
  addTool,
  limitInput,
  linesMarkdown,
  PAPERS_OUTPUT,
  paperJson,
  toolError,
  type PaperLine,
} from './mcp-tool.ts';

/** What the MCP tools read: lists, trending, search, papers, libraries and the site's address. */
export interface McpDeps {
  lists: Pick<ListsService, 'list'>;
  trending: Pick<TrendingService, 'list'>;
  community: Pick<CommunityService, 'hitRateLimit' | 'apiTokens'>;
  search: SearchService;
  papers: PapersService;
  personal: Pick<PersonalServices, 'library'>;
  config: { baseUrl: string };
}

const VERSION = '0.1.0';

/**
 * An MCP server exposing Folio's reading surfaces as tools: search, a day's / week's / month's
 * list, trending, one paper as Markdown and similar papers; with a personal API token (`access`),
 * also the member's library. Each list answer is Markdown text for the model plus the same
 * papers as structured content for programs.
 */
export function createMcpServer(deps: McpDeps, access: ApiTokenAccess | null = null): McpServer {
  const server = new McpServer(
    { name: 'folio', version: VERSION },
    {
      instructions:
        'Folio holds research papers (arXiv) with daily lists picked by curators and the community, trending rankings and search. Paper ids are arXiv ids such as 2410.17243. The library_* tools read and change the library of the member whose personal API token the client sent.',
    },
  );
  const pageUrl = (id: string) => `${deps.config.baseUrl}/papers/${id}`;
  const answer = (title: string, papers: PaperLine[]) => ({
    content: [{ type: 'text' as const, text: linesMarkdown(title, papers, pageUrl) }],
    structuredContent: { papers: papers.map((p) => paperJson(p, pageUrl)) },
  });
  const storedPaper = async (id: string) => {
    const parsed = parseArxivId(id);
    const paper = parsed ? await deps.papers.find(parsed.id) : null;
    return paper
      ? { paper }
      : { missing: parsed ? `Folio has no paper ${parsed.id}.` : `${id} is not an arXiv id.` };
  };

  addTool(
    server,
    'search_papers',
    {
      title: 'Search papers',
      description:
        'Search papers by words, "phrases", author:name, cat:cs.CL, has:code, -word or prefix*; hybrid (keyword + semantic) by default.',
      input: {
        query: z.string().min(1).max(500).describe('What to look for'),
        mode: z.enum(['hybrid', 'keyword', 'semantic']).optional(),
        sort: z.enum(['relevance', 'date', 'trending']).optional(),
        limit: limitInput(50, 10),
      },
      output: PAPERS_OUTPUT,
    },
    async ({ query, mode, sort, limit }) => {
      const result = await deps.search.search({
        q: query,
        limit: limit ?? 10,
        ...(mode ? { mode } : {}),
        ...(sort ? { sort } : {}),
      });
      return answer(
        `Search: ${query}`,
        result.hits.map((h) => ({ paper: h.paper, upvotes: null })),
      );
    },
  );

  addTool(
    server,
    'list_papers',
    {
      title: 'A day’s, week’s or month’s papers',
      description:
        'The papers on a daily list (most upvoted first). Give one of date (YYYY-MM-DD), week (YYYY-Www) or month (YYYY-MM); none means the latest day.',
      input: {
        date: z.string().optional(),
        week: z.string().optional(),
        month: z.string().optional(),
        limit: limitInput(100, 30),
      },
      output: PAPERS_OUTPUT,
    },
    async ({ date, week, month, limit }) => {
      const period = await choosePeriod(deps.papers, { date, week, month });
      if (!period) return answer('No papers yet', []);
      const listed = await deps.lists.list(period, { limit: limit ?? 30 });
      return answer(`Papers of ${period.label}`, listed.map(fromListed));
    },
  );

  addTool(
    server,
    'trending_papers',
    {
      title: 'Trending papers',
      description: 'What is trending now, by stars gained, upvotes, comments and views.',
      input: {
        window: TrendingWindowSchema.optional().describe('Default 7d'),
        limit: limitInput(100, 20),
      },
      output: PAPERS_OUTPUT,
    },
    async ({ window, limit }) => {
      const items = await deps.trending.list({
        window: window ?? '7d',
        limit: limit ?? 20,
      });
      return answer(
        `Trending (${window ?? '7d'})`,
        items.map((t) => ({
          paper: t.paper,
          upvotes: t.explanation.upvotes,
          note: t.explanation.text,
        })),
      );
    },
  );

  addTool(
    server,
    'get_paper',
    {
      title: 'One paper as Markdown',
      description:
        'A paper’s title, authors, links and abstract as Markdown (TeX kept as written).',
      input: { id: z.string().max(300).describe('arXiv id in any form, or an arXiv URL') },
    },
    async ({ id }) => {
      const found = await storedPaper(id);
      if (!found.paper) return toolError(found.missing);
      const text = toMarkdown(found.paper, { pageUrl: pageUrl(found.paper.id) });
      return { content: [{ type: 'text' as const, text }] };
    },
  );

  addTool(
    server,
    'similar_papers',
    {
      title: 'Similar papers',
      description: 'Papers most like a given one (by meaning, from their abstracts).',
      input: { id: z.string().max(300).describe('arXiv id'), limit: limitInput(50, 10) },
      output: PAPERS_OUTPUT,
    },
    async ({ id, limit }) => {
      const found = await storedPaper(id);
      if (!found.paper) return toolError(found.missing);
      const similar = await deps.search.similar(found.paper.id, limit ?? 10);
      return answer(
        `Papers like ${found.paper.id}`,
        similar.map((p) => ({ paper: p, upvotes: null })),
      );
    },
  );

  registerLibraryTools(server, deps, access, pageUrl);
  return server;
}

const fromListed = (l: ListedPaper): PaperLine => ({ paper: l.paper, upvotes: l.upvotes });

async function choosePeriod(
  papers: Pick<PapersService, 'latestListingDate'>,
  q: { date?: string | undefined; week?: string | undefined; month?: string | undefined },
): Promise<Period | null> {
  if (q.date) return dayPeriod(q.date);
  if (q.week) return weekPeriod(q.week);
  if (q.month) return monthPeriod(q.month);
  const latest = await papers.latestListingDate();
  return latest ? dayPeriod(latest) : null;
}
