import type { Hono } from 'hono';
import type { AppDeps } from './app.ts';
import { createApiApp } from './api/api-app.ts';
import { healthz, readyz } from './routes/health.ts';
import { homePage } from './routes/home.tsx';
import { staticFiles } from './routes/static.ts';

/** Every route of the site, API and feeds, in one table. */
export function registerRoutes(app: Hono, deps: AppDeps): void {
  app.get('/healthz', healthz);
  app.get('/readyz', readyz(deps));
  app.get('/static/:file', staticFiles());
  // API, feeds, citations and /docs (before the pages: /papers/ID.md must not reach the paper page).
  app.route('/', createApiApp(deps));
  app.get('/', homePage(deps));
}
