import type { Command } from 'commander';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

/** `folio ingest github` — refresh GitHub stars of linked repositories that are due. */
export function registerIngestGithub(program: Command): Command {
  // Joins the `ingest` command when it exists (register this after it), else creates it.
  const ingest =
    program.commands.find((c) => c.name() === 'ingest') ??
    program.command('ingest').description('fetch papers and signals from remote sources');
  return ingest
    .command('github')
    .description('refresh star counts of linked GitHub repositories (FOLIO_GITHUB_TOKEN optional)')
    .option('--batch <n>', 'at most this many repositories')
    .action((o: { batch?: string }) =>
      withRuntime(async ({ githubStars, config }) => {
        const batch = o.batch === undefined ? config.trending.github.batch : Number(o.batch);
        if (!Number.isInteger(batch) || batch < 1)
          throw new UsageError('--batch: expected a whole number');
        const r = await githubStars.sync(batch);
        process.stdout.write(
          `checked ${r.checked} (updated ${r.updated}, unchanged ${r.notModified}, renamed ${r.renamed}, gone ${r.gone}, failed ${r.failed}); ${r.discovered} new repositories` +
            (r.stopped
              ? `; stopped: ${r.stopped.reason}${r.stopped.resumeAt ? ` until ${r.stopped.resumeAt}` : ''}`
              : '') +
            '\n',
        );
        if (r.stopped?.reason === 'failing') process.exitCode = 1;
      }),
    );
}
