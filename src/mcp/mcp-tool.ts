import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type {
  ShapeOutput,
  ZodRawShapeCompat,
} from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';

/** One tool: what a client reads about it, what it takes and what it answers. */
export interface ToolSpec<Input extends ZodRawShapeCompat> {
  title: string;
  description: string;
  input: Input;
  /** The structured answer's shape; tools without one answer text only. */
  output?: ZodRawShapeCompat;
  /** False for a tool that changes something (default: read-only). */
  readOnly?: boolean;
}

/**
 * Registers a tool the one way every Folio tool is registered: its annotations follow from the
 * spec, and an `AppError` the services throw (bad input, not found, no token, a spent limit)
 * becomes an error result carrying its message, so the agent reads why instead of a protocol error.
 */
export function addTool<Input extends ZodRawShapeCompat>(
  server: McpServer,
  name: string,
  spec: ToolSpec<Input>,
  run: (args: ShapeOutput<Input>) => Promise<CallToolResult>,
): void {
  const readOnly = spec.readOnly ?? true;
  server.registerTool(
    name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      ...(spec.output ? { outputSchema: spec.output } : {}),
      annotations: readOnly
        ? { readOnlyHint: true }
        : { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    },
    (async (args: ShapeOutput<Input>) => {
      try {
        return await run(args);
      } catch (error) {
        if (error instanceof AppError) return toolError(error.message);
        throw error;
      }
    }) as never,
  );
}

/** An error answer the agent reads (a missing paper, a refused call). */
export function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** `limit`: a whole number from 1 to `max`, `fallback` when left out. */
export function limitInput(max: number, fallback: number) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`At most this many (default ${fallback})`);
}

/** How a paper is described in structured answers. */
export const PAPER_FIELDS = {
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  url: z.string(),
  published: z.string().nullable(),
  upvotes: z.number().nullable(),
};

/** The structured answer of every tool that returns a list of papers. */
export const PAPERS_OUTPUT = { papers: z.array(z.object(PAPER_FIELDS)) };

/** One paper in a list answer, with what the list knows of it. */
export interface PaperLine {
  paper: Paper;
  upvotes: number | null;
  /** Shown after the id in the Markdown line (why it trends, a reading status). */
  note?: string;
}

/** A paper as structured content. */
export function paperJson(line: PaperLine, pageUrl: (id: string) => string) {
  return {
    id: line.paper.id,
    title: line.paper.title,
    authors: line.paper.authors,
    url: pageUrl(line.paper.id),
    published: line.paper.publishedAt,
    upvotes: line.upvotes,
  };
}

/** A numbered Markdown list of papers under a heading, for the model to read. */
export function linesMarkdown(
  title: string,
  lines: PaperLine[],
  pageUrl: (id: string) => string,
): string {
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
