import { runCli } from './cli/program.ts';

// `serve` keeps the process alive through its server; every other command ends when done.
process.exitCode = await runCli(process.argv.slice(2));
