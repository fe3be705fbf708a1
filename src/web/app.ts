import { Hono } from 'hono';
import { notFound } from '../domain/errors.ts';
import type { AppServices } from '../services.ts';
import { handleError } from './middleware/errors.ts';
import { clientAddressMiddleware } from './middleware/client-address.ts';
import { replicaReads } from './middleware/replica-reads.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { registerRoutes } from './routes.ts';

/** Everything the web app uses, passed in (no globals), so tests build it over their own store. */
export type AppDeps = AppServices;

/** Builds the whole HTTP application: pages, API, feeds, static files. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestLog(deps.logger, deps.metrics));
  if (deps.config.databaseTuning.readUrl) app.use('*', replicaReads);
  app.use('*', securityHeaders(deps.config.baseUrl));
  app.use('*', clientAddressMiddleware(deps.config.trustedProxy));
  registerRoutes(app, deps);
  app.notFound((c) => handleError(deps.logger)(notFound('There is no page at this address.'), c));
  app.onError(handleError(deps.logger));
  return app;
}
