import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { sameText } from '../../security/signing.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';

/**
 * GET /metrics — Prometheus text. With FOLIO_METRICS_TOKEN set, only for
 * `Authorization: Bearer <that token>`; without it, only for a scraper on this machine talking to
 * the instance directly (loopback socket, no proxy's forwarding headers: behind nginx on the same
 * host every visitor's socket is loopback too).
 */
export function metricsRoute(deps: AppDeps) {
  const token = deps.config.metricsToken;
  return async (c: Context) => {
    if (token) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!sameText(given, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="folio-metrics"');
        throw new AppError(
          401,
          'metrics_token_required',
          'Send the metrics token as "Authorization: Bearer <FOLIO_METRICS_TOKEN>".',
        );
      }
    } else if (!directFromLoopback(c)) {
      throw new AppError(
        403,
        'metrics_local_only',
        'Metrics are served to this machine only; set FOLIO_METRICS_TOKEN to scrape them from elsewhere.',
      );
    }
    c.header('Cache-Control', 'no-store');
    return c.body(await deps.metrics.render(), 200, { 'Content-Type': deps.metrics.contentType });
  };
}

function directFromLoopback(c: Context): boolean {
  if (c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined)
    return false;
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // In-process requests (no socket) come from this process.
    return true;
  }
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
