import type { Command } from 'commander';
import { parseArxivId } from '../domain/arxiv-id.ts';
import type { Period } from '../domain/periods.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';
import { localSource, remoteSource, type PaperLine, type PaperSource } from './papers-source.ts';

/** Runs `fn` over the remote Folio at `server` when given, else over the local store. */
export async function withSource<T>(
  server: string | undefined,
  fn: (source: PaperSource) => Promise<T>,
): Promise<T> {
  if (server === undefined) return withRuntime((runtime) => fn(localSource(runtime)));
  if (!/^https?:\/\/[^\s/]+/.test(server))
    throw new UsageError(`--server: expected an http(s) URL, got ${JSON.stringify(server)}`);
  return fn(remoteSource(server));
}

/** `papers ls` with `--sort trending` or `--server URL`. */
export async function listFromSource(
  options: { server?: string; sort?: string; json?: boolean },
  period: Period | null,
  limit: number,
): Promise<void> {
  if (options.sort !== undefined && options.sort !== 'trending' && options.sort !== 'upvotes')
    throw new UsageError(
      `--sort: expected trending or upvotes, got ${JSON.stringify(options.sort)}`,
    );
  if (options.sort === 'trending' && period)
    throw new UsageError(
      '--sort trending lists what is trending now; leave out --date, --week and --month',
    );
  await withSource(options.server, async (source) => {
    if (options.sort === 'trending') {
      const lines = await source.trending(limit);
      output(Boolean(options.json), { papers: lines.map(lineJson) }, () =>
        describeLines('trending', lines),
      );
      return;
    }
    const list = await source.list(period, limit);
    output(
      Boolean(options.json),
      { period: list.period, total: list.total, papers: list.lines.map(lineJson) },
      () =>
        describeLines(
          list.period ? `${list.period.label}: ${list.lines.length} of ${list.total}` : 'no papers',
          list.lines,
        ),
    );
  });
}

/** `papers search`, `papers info` and `papers read`, each from the store or `--server URL`. */
export function registerPaperReaders(papers: Command): void {
  papers
    .command('search')
    .description('search papers (keyword, and semantic when ready)')
    .argument('<query...>', 'what to look for')
    .option('--limit <n>', 'at most this many results (1 to 100)', '20')
    .option('--server <url>', 'ask a remote Folio over its API instead of the local store')
    .option('--json', 'print JSON')
    .action((words: string[], options: { limit: string; server?: string; json?: boolean }) => {
      const q = words.join(' ').trim();
      if (!q) throw new UsageError('search: give some words to look for');
      const limit = parseSmallLimit(options.limit);
      return withSource(options.server, async (source) => {
        const lines = await source.search(q, limit);
        output(Boolean(options.json), { query: q, papers: lines.map(lineJson) }, () =>
          describeLines(`“${q}”`, lines),
        );
      });
    });
  papers
    .command('info')
    .description('one paper with its upvotes and comment count')
    .argument('<id>', 'arXiv id in any form')
    .option('--server <url>', 'ask a remote Folio over its API instead of the local store')
    .option('--json', 'print JSON')
    .action((input: string, options: { server?: string; json?: boolean }) => {
      const id = requireId(input);
      return withSource(options.server, async (source) => {
        const info = await source.info(id);
        if (!info) return notFound(id);
        output(Boolean(options.json), info, () =>
          [
            info.paper.title,
            info.paper.authors.join(', '),
            `arXiv:${info.paper.id}  [${info.paper.categories.join(', ')}]  listed ${info.paper.listingDate ?? '?'}`,
            `${info.upvotes} upvote${info.upvotes === 1 ? '' : 's'} · ${info.numComments} comment${info.numComments === 1 ? '' : 's'}`,
            ...(info.paper.codeRepo ? [`code: ${info.paper.codeRepo}`] : []),
            '',
            info.paper.abstract,
          ].join('\n'),
        );
      });
    });
  papers
    .command('read')
    .description('one paper as Markdown')
    .argument('<id>', 'arXiv id in any form')
    .option('--server <url>', 'ask a remote Folio over its API instead of the local store')
    .action((input: string, options: { server?: string }) => {
      const id = requireId(input);
      return withSource(options.server, async (source) => {
        const markdown = await source.markdown(id);
        if (markdown === null) return notFound(id);
        process.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
      });
    });
}

function requireId(input: string): string {
  const parsed = parseArxivId(input);
  if (!parsed) throw new UsageError(`not an arXiv id: ${JSON.stringify(input.slice(0, 100))}`);
  return parsed.id;
}

function notFound(id: string): void {
  process.stderr.write(`folio: paper ${id} is not there\n`);
  process.exitCode = 1;
}

function parseSmallLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 100)
    throw new UsageError(
      `--limit: expected a whole number from 1 to 100, got ${JSON.stringify(text)}`,
    );
  return n;
}

// List lines print as `papers ls` always has: the paper with its list entry.
const lineJson = (l: PaperLine) =>
  l.entry
    ? {
        ...l.paper,
        day: l.entry.day,
        upvotes: l.upvotes,
        numComments: l.entry.numComments,
        submitter: l.entry.submitter,
        featured: l.entry.featured,
      }
    : { ...l.paper, upvotes: l.upvotes, note: l.note };

function describeLines(header: string, lines: PaperLine[]): string {
  if (lines.length === 0) return `${header}: no papers`;
  const width = Math.max(...lines.map((l) => String(l.upvotes ?? '').length));
  return [
    header,
    ...lines.map((l) => {
      const votes = l.upvotes === null ? '' : `${String(l.upvotes).padStart(width)}▲  `;
      return `${votes}${l.paper.id.padEnd(10)}  ${l.paper.title}${l.note ? `  (${l.note})` : ''}`;
    }),
  ].join('\n');
}
