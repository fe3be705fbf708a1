import type { Command } from 'commander';
import { SearchOptionsSchema } from '../search/search-options.ts';
import { loadConfig } from '../config.ts';
import { openSearchRuntime } from '../search-runtime.ts';
import { commandClock } from './command-clock.ts';
import { output } from './output.ts';
import { UsageError } from './exit.ts';

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
    .action(async (query: string, options: SearchOptions) => {
      // The search options schema the site and the APIs use; its first complaint is the message.
      const parsed = SearchOptionsSchema.safeParse({
        q: query,
        mode: options.mode,
        sort: options.sort,
        limit: /^\d+$/.test(options.limit) ? Number(options.limit) : Number.NaN,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
      }
      const input = parsed.data;
      const { search, close } = await openSearchRuntime(loadConfig(), { clock: commandClock() });
      try {
        // A one-off process: the saved keyword index and (for semantic ranking) the model and
        // its vectors, rather than building anything.
        await search.keyword.open();
        if (input.mode !== 'keyword') await search.semantic?.open();
        const result = await search.search(input);
        output(Boolean(options.json), result, () => {
          const lines = result.hits.map(
            (h) =>
              `${h.paper.id}  ${h.paper.listingDate ?? h.paper.publishedAt?.slice(0, 10) ?? '          '}  ${h.paper.title}`,
          );
          const note =
            options.mode !== 'keyword' && !result.semanticReady
              ? ' (semantic search not ready: run `folio embed train`; answered by keyword)'
              : '';
          const respelled = result.suggestion ? ` (did you mean "${result.suggestion}"?)` : '';
          return [...lines, `${result.total} found, ${result.mode}${note}${respelled}`].join('\n');
        });
      } finally {
        await close();
      }
    });
}
