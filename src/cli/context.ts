import { loadConfig } from '../config.ts';
import { openRuntime, type AppServices } from '../services.ts';
import { commandClock } from './command-clock.ts';

/** Opens the runtime for one command, gives it the services, and always closes the store. */
export async function withRuntime<T>(fn: (runtime: AppServices) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), { clock: commandClock() });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

export { output } from './output.ts';
