import { loadConfig } from '../config.ts';
import { openRuntime, type Runtime } from '../services.ts';
import { commandClock } from './command-clock.ts';

/** Opens the runtime for one command, runs it, and always closes the store. */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), { clock: commandClock() });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Writes a value as JSON or as lines of text, the two output forms every listing command offers. */
export function output(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}
