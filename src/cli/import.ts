import fs from 'node:fs';
import type { Command } from 'commander';
import { ImportReadError, type ImportResult } from '../ingest/import-jsonl.ts';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';
import { terminalProgress } from './progress-bar.ts';

/** `folio import FILE` — bulk import of JSON Lines (Kaggle snapshot or daily-listing schema). */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import papers from a .jsonl or .jsonl.gz file (resumes an interrupted import)')
    .argument('<file>', 'JSON Lines file, plain or gzip-compressed')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        throw new UsageError(`no such file: ${file}`);
      return withRuntime(async (runtime) => {
        let result: ImportResult;
        try {
          result = await runtime.ingest.importFile(
            file,
            terminalProgress('import', runtime.logger),
          );
        } catch (error) {
          // The file broke off: say what was stored before it, then fail with the reason.
          if (error instanceof ImportReadError) report(file, error.result, options.json);
          throw error;
        }
        report(file, result, options.json);
        if (result.read === 0 && result.failed.length > 0) process.exitCode = 1;
      });
    });
}

function report(file: string, result: ImportResult, json = false): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const resumed =
    result.resumedFromLine > 0 ? ` (resumed after line ${result.resumedFromLine})` : '';
  process.stdout.write(
    `imported ${result.read} records from ${file}${resumed}: ${result.inserted} new, ` +
      `${result.updated} updated, ${result.unchanged} unchanged, ${result.failed.length} skipped\n`,
  );
  for (const f of result.failed.slice(0, 50))
    process.stdout.write(`  skipped ${f.record} of ${file}: ${f.reason}\n`);
  if (result.failed.length > 50)
    process.stdout.write(`  … and ${result.failed.length - 50} more skipped\n`);
}
