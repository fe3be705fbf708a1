import type { Context } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from '../app.ts';

/** GET /healthz — the process is up. */
export const healthz = (c: Context) => c.json({ status: 'ok' });

/** GET /readyz — the store answers. */
export function readyz(deps: AppDeps) {
  return async (c: Context) => {
    try {
      await sql`select 1`.execute(deps.db.kysely);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'unavailable', reason: 'store not reachable' }, 503);
    }
  };
}
