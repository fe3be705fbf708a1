import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { InvalidArxivIdError } from '../domain/arxiv-id.ts';
import { EXIT, UsageError } from './exit.ts';
import { registerDigest } from './digest.ts';
import { registerImport } from './import.ts';
import { registerIngest } from './ingest.ts';
import { registerMigrate } from './migrate.ts';
import { registerPapers } from './papers.ts';
import { registerServe } from './serve.ts';
import { registerSearch } from './search.ts';
import { registerEmbed } from './embed.ts';
import { registerUser } from './user.ts';
import { registerTrending } from './trending.ts';
import { registerIngestGithub } from './ingest-github.ts';
import { registerMcp } from './mcp.ts';
import { registerKeywords } from './keywords.ts';
import { registerLibrary } from './library.ts';

/** Builds the `folio` command line. */
export function buildProgram(): Command {
  const program = new Command('folio')
    .description('Folio: trending research papers — site, API, feeds, digests and ingestion')
    .exitOverride()
    .showHelpAfterError();
  registerServe(program);
  registerMigrate(program);
  registerImport(program);
  registerIngest(program);
  registerPapers(program);
  registerSearch(program);
  registerEmbed(program);
  registerDigest(program);
  registerUser(program);
  registerTrending(program);
  registerMcp(program);
  registerKeywords(program);
  registerLibrary(program);
  // After registerIngest: adds `github` under `folio ingest`.
  registerIngestGithub(program);
  return program;
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad usage or configuration. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are successes; everything else commander rejects is usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof InvalidArxivIdError
    ) {
      process.stderr.write(`folio: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`folio: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
