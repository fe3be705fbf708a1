import type { Command } from 'commander';
import { withRuntime } from './context.ts';

/** `folio keywords update [--all]`: extract key phrases now (the schedule does it hourly). */
export function registerKeywords(program: Command): void {
  program
    .command('keywords')
    .description('key phrases extracted from titles and abstracts')
    .command('update')
    .description('extract key phrases for papers without them (--all: every paper again)')
    .option('--all', 'extract for every paper again')
    .action((options: { all?: boolean }) =>
      withRuntime(async (runtime) => {
        const n = await runtime.keywords.refresh({ all: Boolean(options.all) });
        process.stdout.write(`extracted key phrases for ${n} papers\n`);
      }),
    );
}
