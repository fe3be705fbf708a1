import type { Context } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from '../app.ts';

/** GET /healthz — the process is up. */
export const healthz = (c: Context) => c.json({ status: 'ok' });

/** GET /readyz — the store answers; says which search sides answer (keyword always does). */
export function readyz(deps: AppDeps) {
  return async (c: Context) => {
    try {
      await sql`select 1`.execute(deps.db.kysely);
      const { keyword, semantic } = deps.search.status();
      return c.json({ status: 'ready', search: { keyword, semantic } });
    } catch {
      return c.json({ status: 'unavailable', reason: 'store not reachable' }, 503);
    }
  };
}
