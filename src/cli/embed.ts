import type { Command } from 'commander';
import { output, withRuntime } from './context.ts';

/** `folio embed train|update|status` — the semantic search model and its vectors. */
export function registerEmbed(program: Command): void {
  const embed = program.command('embed').description('semantic search: model and vectors');
  embed
    .command('train')
    .description(
      'train the built-in model on the papers in the store, embed them all, switch to it',
    )
    .action(() =>
      withRuntime(async ({ search }) => {
        const started = Date.now();
        const id = await search.semantic!.retrain();
        const status = search.status();
        process.stdout.write(
          `model ${id}: ${status.indexed} papers embedded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
  embed
    .command('update')
    .description('embed papers that have no vector yet (training a model if there is none)')
    .action(() =>
      withRuntime(async ({ search }) => {
        search.start();
        await search.semantic!.idle();
        const status = search.status();
        process.stdout.write(
          `${status.semantic}: ${status.indexed} papers indexed (${status.model?.id ?? 'no model'})\n`,
        );
      }),
    );
  embed
    .command('status')
    .description('the active model and how many papers it covers')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withRuntime(async ({ search }) => {
        await search.semantic!.open();
        const status = search.status();
        output(Boolean(options.json), status, () =>
          status.model
            ? `model ${status.model.id} (${status.model.kind}, ${status.model.dims} dims, similarity floor ${status.model.similarityFloor}): ${status.indexed} papers, ${status.index} index`
            : 'no model yet: run `folio embed train`',
        );
      }),
    );
}
