import type { Hono } from 'hono';
import type { AppDeps } from './app.ts';
import { healthz, readyz } from './routes/health.ts';
import { homePage } from './routes/home.tsx';
import { staticFiles } from './routes/static.ts';

/** Every route of the site, API and feeds, in one table. */
export function registerRoutes(app: Hono, deps: AppDeps): void {
  app.get('/healthz', healthz);
  app.get('/readyz', readyz(deps));
  app.get('/static/:file', staticFiles());
  app.get('/', homePage(deps));
}
