import path from 'node:path';
import type { Command } from 'commander';
import { PreviewError } from '../digest/digest-preview.ts';
import { InvalidAddressError } from '../mail/address.ts';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

/** `folio digest send|preview` — the digest run by hand, and a look at one subscriber's digest. */
export function registerDigest(program: Command): Command {
  const digest = program.command('digest').description('email digests of trending papers');
  digest
    .command('send')
    .description('queue the digests of every subscriber due now and send the outbox')
    .option('--dry-run', 'build the digests and count them; queue and send nothing')
    .action((options: { dryRun?: boolean }) =>
      withRuntime(async (runtime) => {
        // The same lock as the scheduled job: never two runs over one outbox at once.
        const summary = await runtime.digest.runRoundLocked({ dryRun: options.dryRun === true });
        if (!summary) {
          process.stderr.write('folio: another digest run is in progress; try again later\n');
          process.exitCode = 1;
          return;
        }
        const { built, delivered } = summary;
        const lines = [
          `due subscribers   ${built.due}`,
          `${options.dryRun ? 'would queue' : 'queued'}       ${built.queued} (${built.papers} papers)`,
          `nothing new       ${built.empty}`,
        ];
        if (built.alreadyQueued) lines.push(`queued before     ${built.alreadyQueued}`);
        if (delivered)
          lines.push(
            `sent              ${delivered.sent}${runtime.mailer.outbox ? ` (to ${runtime.mailer.outbox.place})` : ''}`,
            `retrying later    ${delivered.retrying}`,
            `failed            ${delivered.failed}`,
            `cancelled         ${delivered.cancelled}`,
            `uncertain         ${delivered.uncertain} (left by a stopped run; not re-sent)`,
          );
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  digest
    .command('preview')
    .argument('<email>', "a subscriber's address")
    .option('--out <dir>', 'folder for the files (default: DATA_DIR/previews)')
    .description('write the digest a subscriber would get now to .html and .txt files')
    .action((email: string, options: { out?: string }) =>
      withRuntime(async (runtime) => {
        const out = path.resolve(options.out ?? path.join(runtime.config.dataDir, 'previews'));
        try {
          const result = await runtime.digest.preview(email, out);
          process.stdout.write(`${result.html}\n${result.text}\n`);
        } catch (error) {
          if (error instanceof InvalidAddressError) throw new UsageError(error.message);
          if (error instanceof PreviewError) {
            process.stderr.write(`folio: ${error.message}\n`);
            process.exitCode = 1;
            return;
          }
          throw error;
        }
      }),
    );
  return digest;
}
