import type { OpenAPIHono } from '@hono/zod-openapi';

/** The OpenAPI 3.1 document of every documented route of the app. */
export function openApiDocument(app: OpenAPIHono, baseUrl: string) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Folio API',
      version: '1.0.0',
      description:
        'Trending research papers: daily lists, papers, search, trending, votes and comments. ' +
        'The `/api/daily_papers` and `/api/papers` routes follow the Hugging Face Papers API, so its clients work here. ' +
        'Errors are RFC 9457 problem documents. Writes need a personal API token (Authorization: Bearer).',
      license: { name: 'MIT' },
    },
    servers: [{ url: baseUrl }],
  });
}
