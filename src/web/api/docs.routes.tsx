import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { ApiDocsPage } from './docs-page.tsx';
import { sendCached } from './http-cache.ts';
import { openApiDocument } from './openapi-document.ts';

/** /openapi.json and /docs; the document is built once, on first request, from the routes. */
export function registerDocs(app: OpenAPIHono, deps: AppDeps): void {
  let json: string | null = null;
  let html: string | null = null;
  const document = () => (json ??= JSON.stringify(openApiDocument(app, deps.config.baseUrl)));
  app.get('/openapi.json', (c) =>
    sendCached(c, document(), 'application/json; charset=utf-8', {
      cacheControl: 'public, max-age=3600',
    }),
  );
  app.get('/docs', (c) => {
    html ??= '<!doctype html>' + (<ApiDocsPage doc={JSON.parse(document())} />).toString();
    return sendCached(c, html, 'text/html; charset=utf-8', {
      cacheControl: 'public, max-age=3600',
    });
  });
}
