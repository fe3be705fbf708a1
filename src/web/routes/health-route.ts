import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';

/** GET /healthz — the process is up. */
export const healthz = (c: Context) => c.json({ status: 'ok' });

/**
 * GET /readyz — ready only when the store answers, can be written, has room and reported no
 * damage; otherwise 503 with the reason. Says which search sides answer (keyword always does).
 */
export function readyz(deps: AppDeps) {
  return async (c: Context) => {
    c.header('Cache-Control', 'no-store');
    const health = await deps.ops.storeHealth({
      instance: deps.instance,
      dataDir: deps.config.dataDir,
      minFreeBytes: deps.config.databaseTuning.minFreeBytes,
      now: () => new Date(),
    });
    if (!health.ok)
      return c.json({ status: 'unavailable', reason: health.reason, detail: health.detail }, 503);
    const { keyword, semantic } = deps.search.status();
    return c.json({ status: 'ready', search: { keyword, semantic } });
  };
}
