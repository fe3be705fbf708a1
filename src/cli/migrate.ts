import type { Command } from 'commander';
import { withRuntime } from './context.ts';

/** `folio migrate` — applies pending migrations (start-up does this too). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the store schema up to date')
    .action(() =>
      withRuntime(async ({ ops }) => {
        // openRuntime migrated already; say where.
        process.stdout.write(`store at ${ops.storeLabel} is up to date\n`);
      }),
    );
}
