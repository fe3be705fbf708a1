import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { AppDeps } from '../app.ts';
import { registerFeedRoutes } from '../feeds/feed.routes.ts';
import { registerCitationRoutes } from './citation.routes.ts';
import { registerDocs } from './docs.routes.tsx';
import { registerHfList } from './hf/hf-list.routes.ts';
import { registerHfPapers } from './hf/hf-paper.routes.ts';
import { registerImageRoutes } from './image.routes.ts';
import { createMicroCache } from './micro-cache.ts';
import { validationHook } from './problem.ts';
import { registerV1 } from './v1/v1.routes.ts';

/**
 * The open interfaces as one sub-app: the Hugging Face–compatible API, Folio's own /api/v1,
 * citations and Markdown of papers, and the OpenAPI document (/openapi.json) with its docs page.
 */
export function createApiApp(deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Reads are open to any origin (scripts, notebooks, other sites); writes need a token anyway.
  app.use(
    '/api/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'OPTIONS'],
      exposeHeaders: ['Link', 'ETag', 'Retry-After'],
    }),
  );
  app.use('/openapi.json', cors({ origin: '*', allowMethods: ['GET'] }));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token from /account/tokens',
  });
  const cache = createMicroCache();
  registerHfList(app, deps, cache);
  registerHfPapers(app, deps);
  registerV1(app, deps, cache);
  registerCitationRoutes(app, deps);
  registerImageRoutes(app, deps);
  registerFeedRoutes(app, deps, cache);
  registerDocs(app, deps);
  return app;
}
