import type { Command } from 'commander';
import type { SearchMode, SearchSort } from '../search/search.types.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

const MODES = ['hybrid', 'keyword', 'semantic'];
const SORTS = ['relevance', 'date', 'trending'];

interface SearchOptions {
  mode: string;
  sort: string;
  limit: string;
  json?: boolean;
}

/** `folio search "query"` — search the store from the terminal. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search papers (hybrid by default: keyword and semantic together)')
    .argument('<query>', 'words, "phrases", author:name, cat:cs.CL, has:code')
    .option('--mode <mode>', 'hybrid, keyword or semantic', 'hybrid')
    .option('--limit <n>', 'at most this many papers', '10')
    .option('--sort <order>', 'relevance, date (newest first) or trending (this week)', 'relevance')
    .option('--json', 'print JSON')
    .action((query: string, options: SearchOptions) => {
      if (!MODES.includes(options.mode))
        throw new UsageError(`--mode: expected one of ${MODES.join(', ')}`);
      if (!SORTS.includes(options.sort))
        throw new UsageError(`--sort: expected one of ${SORTS.join(', ')}`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw new UsageError('--limit: expected a whole number from 1 to 100');
      return withRuntime(async ({ search }) => {
        if (options.mode !== 'keyword') await search.semantic?.open();
        const result = await search.search({
          q: query,
          mode: options.mode as SearchMode,
          sort: options.sort as SearchSort,
          limit,
        });
        output(Boolean(options.json), result, () => {
          const lines = result.hits.map(
            (h) =>
              `${h.paper.id}  ${h.paper.listingDate ?? h.paper.publishedAt?.slice(0, 10) ?? '          '}  ${h.paper.title}`,
          );
          const note =
            options.mode !== 'keyword' && !result.semanticReady
              ? ' (semantic search not ready: run `folio embed train`; answered by keyword)'
              : '';
          return [...lines, `${result.total} found, ${result.mode}${note}`].join('\n');
        });
      });
    });
}
