import fs from 'node:fs';
import type { Command } from 'commander';
import { importJsonl } from '../ingest/import-jsonl.ts';
import { importDeps } from '../runtime.ts';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';
import { terminalProgress } from './progress-bar.ts';

/** `folio import FILE` — bulk import of JSON Lines (Kaggle snapshot or daily-listing schema). */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import papers from a .jsonl or .jsonl.gz file (resumes an interrupted import)')
    .argument('<file>', 'JSON Lines file')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) =>
      withRuntime(async (runtime) => {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile())
          throw new UsageError(`no such file: ${file}`);
        const result = await importJsonl(
          importDeps(runtime),
          file,
          terminalProgress('import', runtime.logger),
        );
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else {
          process.stdout.write(
            `imported ${result.read} records from ${file}: ${result.inserted} new, ${result.updated} updated, ` +
              `${result.unchanged} unchanged, ${result.failed.length} skipped\n`,
          );
          for (const f of result.failed.slice(0, 50))
            process.stdout.write(`  skipped ${f.record}: ${f.reason}\n`);
        }
        if (result.read === 0 && result.failed.length > 0) process.exitCode = 1;
      }),
    );
}
