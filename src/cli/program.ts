import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { InvalidArxivIdError } from '../domain/arxiv-id.ts';
import { EXIT, UsageError } from './exit.ts';

type Register = (program: Command) => unknown;

/**
 * Each command's module, imported only when that command runs: a command loads its own code
 * and not every other command's (start-up time is mostly module loading). In help order.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register[]>]> = [
  ['serve', async () => [(await import('./serve.ts')).registerServe]],
  ['migrate', async () => [(await import('./migrate.ts')).registerMigrate]],
  ['import', async () => [(await import('./import.ts')).registerImport]],
  // `folio ingest github` joins `folio ingest`, so it registers after it.
  [
    'ingest',
    async () => [
      (await import('./ingest.ts')).registerIngest,
      (await import('./ingest-github.ts')).registerIngestGithub,
    ],
  ],
  ['papers', async () => [(await import('./papers.ts')).registerPapers]],
  ['search', async () => [(await import('./search.ts')).registerSearch]],
  ['embed', async () => [(await import('./embed.ts')).registerEmbed]],
  ['digest', async () => [(await import('./digest.ts')).registerDigest]],
  ['user', async () => [(await import('./user.ts')).registerUser]],
  ['trending', async () => [(await import('./trending.ts')).registerTrending]],
  ['mcp', async () => [(await import('./mcp.ts')).registerMcp]],
  ['keywords', async () => [(await import('./keywords.ts')).registerKeywords]],
  ['library', async () => [(await import('./library.ts')).registerLibrary]],
];

/** Builds the `folio` command line: only `command` when it names one, else every command. */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('folio')
    .description('Folio: trending research papers — site, API, feeds, digests and ingestion')
    .exitOverride()
    .showHelpAfterError();
  const only = COMMANDS.filter(([name]) => name === command);
  const chosen = only.length > 0 ? only : COMMANDS;
  const registers = await Promise.all(chosen.map(([, load]) => load()));
  for (const register of registers.flat()) register(program);
  return program;
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad usage or configuration. */
export async function runCli(argv: string[]): Promise<number> {
  const program = await buildProgram(argv[0]);
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
