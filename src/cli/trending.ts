import type { Command } from 'commander';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { TrendingQuerySchema } from '../trending/trending-query.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

/** `folio trending ls|recompute|exclude|include` — read and curate the trending ranking. */
export function registerTrending(program: Command): Command {
  const trending = program.command('trending').description('the trending ranking');
  trending
    .command('ls')
    .description('list trending papers with why each one is there')
    .option('--window <24h|7d|30d>', 'time window', '24h')
    .option('--category <cat>', 'only papers in this arXiv category')
    .option('--code', 'only papers with a code repository')
    .option('--limit <n>', 'at most this many papers', '20')
    .option('--json', 'print JSON')
    .action(
      (o: { window: string; category?: string; code?: boolean; limit: string; json?: boolean }) =>
        withRuntime(async ({ trending }) => {
          // The trending query schema the site and the API use; its first complaint is the message.
          const parsed = TrendingQuerySchema.safeParse({
            window: o.window,
            limit: /^\d+$/.test(o.limit) ? Number(o.limit) : Number.NaN,
            ...(o.category ? { category: o.category } : {}),
            hasCode: Boolean(o.code),
          });
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
          }
          const items = await trending.list(parsed.data);
          output(Boolean(o.json), items, () =>
            items.length === 0
              ? 'nothing is trending yet'
              : items
                  .map(
                    (i) => `${i.rank}. ${i.paper.id}  ${i.paper.title}\n   ${i.explanation.text}`,
                  )
                  .join('\n'),
          );
        }),
    );
  trending
    .command('recompute')
    .description(
      'bring stored trending scores up to date (the schedule does this every few minutes)',
    )
    .option('--full', 'recompute every paper, not only those with new signals')
    .action((o: { full?: boolean }) =>
      withRuntime(async ({ trending }) => {
        const started = performance.now();
        const r = await trending.recompute({ full: Boolean(o.full) });
        const ms = Math.round(performance.now() - started);
        process.stdout.write(
          `${r.mode} recompute: ${r.papers} papers, ${r.rows} scores in ${ms} ms\n`,
        );
      }),
    );
  trending
    .command('exclude')
    .description('keep a paper off the trending lists')
    .argument('<id>', 'arXiv id')
    .requiredOption('--reason <text>', 'why (shown to curators)')
    .action((input: string, o: { reason: string }) =>
      withRuntime(async ({ trending }) => {
        const id = parseArxivId(input)?.id;
        if (!id) throw new UsageError(`not an arXiv id: ${input}`);
        await trending.exclude({ paperId: id, reason: o.reason, by: null });
        process.stdout.write(`${id} excluded from trending\n`);
      }),
    );
  trending
    .command('include')
    .description('let an excluded paper back onto the trending lists')
    .argument('<id>', 'arXiv id')
    .action((input: string) =>
      withRuntime(async ({ trending }) => {
        const id = parseArxivId(input)?.id;
        if (!id) throw new UsageError(`not an arXiv id: ${input}`);
        const removed = await trending.include(id);
        process.stdout.write(removed ? `${id} is back on trending\n` : `${id} was not excluded\n`);
      }),
    );
  return trending;
}
