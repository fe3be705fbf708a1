import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics/metrics.ts';

/**
 * One log line and one metric observation per request: method, route pattern, status and
 * milliseconds. The route is the pattern that answered (`/papers/:id`), never the address
 * itself, so no query string, token in a path or search text reaches the log.
 */
export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      const route = routeOf(c);
      const status = c.res.status;
      metrics.observeRequest(c.req.method, route, status, ms / 1000);
      logger.info({ method: c.req.method, route, status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}

/** The answering route's pattern; `*` when no route matched (a 404) or middleware answered. */
export function routeOf(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  if (!route || route.method === 'ALL' || route.path === '*' || route.path === '/*') return '*';
  return route.path;
}
