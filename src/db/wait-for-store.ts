import { sql } from 'kysely';
import type { Logger } from '../logger.ts';
import type { Db } from './database.ts';
import { faultOf } from './store-faults.ts';

/** The longest pause between two attempts: an instance starts within a second of its database. */
const MAX_RETRY_PAUSE_MS = 1000;

/**
 * Waits until the store answers, retrying with backoff (0.5 s, then every second) while it cannot
 * be reached, and logging a line that names the store and the cause at each of the first three
 * attempts and every tenth after. Gives up after `maxWaitMs` by throwing the last error; errors
 * other than "cannot reach" are thrown at once (a wrong password does not fix itself).
 */
export async function waitForStore(
  db: Db,
  logger: Logger,
  options: { maxWaitMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  for (let attempt = 1, pause = 500; ; attempt++, pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MS)) {
    try {
      await sql`select 1`.execute(db.kysely);
      if (attempt > 1)
        logger.info(
          { store: db.label, seconds: Math.round((Date.now() - started) / 100) / 10 },
          'database reachable; starting',
        );
      return;
    } catch (error) {
      const fault = faultOf(error);
      const waited = Date.now() - started;
      if (!fault || fault === 'corrupt' || waited + pause > options.maxWaitMs) throw error;
      const cause = error instanceof Error ? ((error.cause as Error | undefined) ?? error) : error;
      if (attempt <= 3 || attempt % 10 === 0)
        logger.warn(
          {
            store: db.label,
            attempt,
            retryInSeconds: pause / 1000,
            cause: cause instanceof Error ? cause.message : String(cause),
          },
          'waiting for the database',
        );
      await sleep(pause);
    }
  }
}
