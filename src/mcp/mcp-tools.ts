import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { toMarkdown } from '../citations/markdown.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import type { Clock } from '../domain/clock.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';
import { dayPeriod, monthPeriod, weekPeriod, type Period } from '../domain/periods.ts';
import type { Db } from '../db/database.ts';
import { listPeriod } from '../papers/daily-list.ts';
import type { PapersService } from '../papers/paper.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { listTrending } from '../trending/trending.service.ts';
import { TrendingWindowSchema } from '../trending/trending-query.ts';

/** What the MCP tools read: the store, the clock, search and where the site is served. */
export interface McpDeps {
  db: Db;
  clock: Clock;
  search: SearchService;
  papers: PapersService;
  config: { baseUrl: string };
}

const VERSION = '0.1.0';

/**
 * An MCP server exposing Folio's reading surfaces as tools: search, a day's / week's / month's
 * list, trending, one paper as Markdown and similar papers. Each answer is Markdown text for the
 * model plus the same papers as structured content for programs.
 */
export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: 'folio', version: VERSION },
    {
      instructions:
        'Folio holds research papers (arXiv) with daily lists picked by curators and the community, trending rankings and search. Paper ids are arXiv ids such as 2410.17243.',
    },
  );
  const pageUrl = (id: string) => `${deps.config.baseUrl}/papers/${id}`;
  const answer = (title: string, papers: PaperLine[]) => ({
    content: [{ type: 'text' as const, text: linesMarkdown(title, papers, pageUrl) }],
    structuredContent: { papers: papers.map((p) => paperJson(p, pageUrl)) },
  });

  server.registerTool(
    'search_papers',
    {
      title: 'Search papers',
      description:
        'Search papers by words, "phrases", author:name, cat:cs.CL, has:code, -word or prefix*; hybrid (keyword + semantic) by default.',
      inputSchema: {
        query: z.string().min(1).max(500).describe('What to look for'),
        mode: z.enum(['hybrid', 'keyword', 'semantic']).optional(),
        sort: z.enum(['relevance', 'date', 'trending']).optional(),
        limit: z
          .number()
          .int()
          .min(1)
          .max(50)
          .optional()
          .describe('At most this many (default 10)'),
      },
      outputSchema: PAPERS_OUTPUT,
      annotations: { readOnlyHint: true },
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

  server.registerTool(
    'list_papers',
    {
      title: 'A day’s, week’s or month’s papers',
      description:
        'The papers on a daily list (most upvoted first). Give one of date (YYYY-MM-DD), week (YYYY-Www) or month (YYYY-MM); none means the latest day.',
      inputSchema: {
        date: z.string().optional(),
        week: z.string().optional(),
        month: z.string().optional(),
        limit: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe('At most this many (default 30)'),
      },
      outputSchema: PAPERS_OUTPUT,
      annotations: { readOnlyHint: true },
    },
    async ({ date, week, month, limit }) => {
      const period = await choosePeriod(deps.papers, { date, week, month });
      if (!period) return answer('No papers yet', []);
      const listed = await listPeriod(deps.db, period, { limit: limit ?? 30 });
      return answer(`Papers of ${period.label}`, listed.map(fromListed));
    },
  );

  server.registerTool(
    'trending_papers',
    {
      title: 'Trending papers',
      description: 'What is trending now, by stars gained, upvotes, comments and views.',
      inputSchema: {
        window: TrendingWindowSchema.optional().describe('Default 7d'),
        limit: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe('At most this many (default 20)'),
      },
      outputSchema: PAPERS_OUTPUT,
      annotations: { readOnlyHint: true },
    },
    async ({ window, limit }) => {
      const items = await listTrending(deps.db, deps.clock, {
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

  server.registerTool(
    'get_paper',
    {
      title: 'One paper as Markdown',
      description:
        'A paper’s title, authors, links and abstract as Markdown (TeX kept as written).',
      inputSchema: { id: z.string().max(300).describe('arXiv id in any form, or an arXiv URL') },
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      const parsed = parseArxivId(id);
      const paper = parsed ? await deps.papers.find(parsed.id) : null;
      if (!paper)
        return notFound(parsed ? `Folio has no paper ${parsed.id}.` : `${id} is not an arXiv id.`);
      return {
        content: [
          { type: 'text' as const, text: toMarkdown(paper, { pageUrl: pageUrl(paper.id) }) },
        ],
      };
    },
  );

  server.registerTool(
    'similar_papers',
    {
      title: 'Similar papers',
      description: 'Papers most like a given one (by meaning, from their abstracts).',
      inputSchema: {
        id: z.string().max(300).describe('arXiv id'),
        limit: z
          .number()
          .int()
          .min(1)
          .max(50)
          .optional()
          .describe('At most this many (default 10)'),
      },
      outputSchema: PAPERS_OUTPUT,
      annotations: { readOnlyHint: true },
    },
    async ({ id, limit }) => {
      const parsed = parseArxivId(id);
      const paper = parsed ? await deps.papers.find(parsed.id) : null;
      if (!paper)
        return notFound(parsed ? `Folio has no paper ${parsed.id}.` : `${id} is not an arXiv id.`);
      const similar = await deps.search.similar(paper.id, limit ?? 10);
      return answer(
        `Papers like ${paper.id}`,
        similar.map((p) => ({ paper: p, upvotes: null })),
      );
    },
  );
  return server;
}

const PAPERS_OUTPUT = {
  papers: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      authors: z.array(z.string()),
      url: z.string(),
      published: z.string().nullable(),
      upvotes: z.number().nullable(),
    }),
  ),
};

interface PaperLine {
  paper: Paper;
  upvotes: number | null;
  note?: string;
}

const fromListed = (l: ListedPaper): PaperLine => ({ paper: l.paper, upvotes: l.upvotes });

function paperJson(line: PaperLine, pageUrl: (id: string) => string) {
  return {
    id: line.paper.id,
    title: line.paper.title,
    authors: line.paper.authors,
    url: pageUrl(line.paper.id),
    published: line.paper.publishedAt,
    upvotes: line.upvotes,
  };
}

function linesMarkdown(title: string, lines: PaperLine[], pageUrl: (id: string) => string): string {
  if (lines.length === 0) return `# ${title}\n\nNo papers.`;
  const items = lines.map((l, i) => {
    const authors =
      l.paper.authors.length > 3
        ? `${l.paper.authors.slice(0, 3).join(', ')} et al.`
        : l.paper.authors.join(', ');
    const meta = [
      l.paper.id,
      l.upvotes !== null ? `${l.upvotes} upvotes` : '',
      l.note ?? '',
    ].filter(Boolean);
    return `${i + 1}. [${l.paper.title.replace(/\s+/g, ' ')}](${pageUrl(l.paper.id)}) — ${authors} (${meta.join('; ')})`;
  });
  return [`# ${title}`, '', ...items].join('\n');
}

const notFound = (text: string) => ({ content: [{ type: 'text' as const, text }], isError: true });

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
