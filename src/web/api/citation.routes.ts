import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { toMarkdown } from '../../citations/markdown.ts';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Paper } from '../../domain/paper.ts';
import type { AppDeps } from '../app.ts';
import { renderCitations, type CitationFormat } from './citation-formats.ts';
import { sendCached } from './http-cache.ts';
import { problemResponses } from './problem.ts';

const EXTENSIONS: Record<string, CitationFormat> = { bib: 'bibtex', ris: 'ris', json: 'csl-json' };
const PAPER_CACHE = 'public, max-age=3600';

/** /papers/{id}/cite.bib|.ris|.json and /papers/{id}.md: one paper as a citation or Markdown. */
export function registerCitationRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const load = async (c: Context, raw: string): Promise<Paper> => {
    const parsed = parseArxivId(raw);
    if (!parsed)
      throw badRequest('invalid_id', 'Invalid id: expected an arXiv id such as 2410.17243', {
        errors: [{ field: 'id', message: 'expected an arXiv id such as 2410.17243' }],
      });
    const paper = await deps.papers.find(parsed.id);
    if (!paper) throw notFound(`There is no paper ${parsed.id} here.`);
    void c;
    return paper;
  };
  const lastModified = (p: Paper) => new Date(p.updatedAt ?? p.publishedAt ?? 0);

  const citation = async (c: Context, rawId: string, file: string) => {
    const paper = await load(c, rawId);
    const ext = file.slice(5);
    const { body, contentType } = renderCitations(EXTENSIONS[ext]!, [paper], paper.title);
    const filename = `${paper.id.replace('/', '_')}.${ext}`;
    return sendCached(c, body, contentType, {
      cacheControl: PAPER_CACHE,
      lastModified: lastModified(paper),
      headers: { 'Content-Disposition': `inline; filename="${filename}"` },
    });
  };
  const markdown = async (c: Context, rawId: string) => {
    const paper = await load(c, rawId);
    const body = toMarkdown(paper, { pageUrl: `${deps.config.baseUrl}/papers/${paper.id}` });
    return sendCached(c, body, 'text/markdown; charset=utf-8', {
      cacheControl: PAPER_CACHE,
      lastModified: lastModified(paper),
    });
  };
  const CITE_FILE = ':file{cite\\.(?:bib|ris|json)}';
  app.get(`/papers/:id/${CITE_FILE}`, (c) => citation(c, c.req.param('id'), c.req.param('file')));
  // Old-style ids keep their slash in the path: /papers/cond-mat/0607501/cite.bib.
  app.get(`/papers/:archive/:num{\\d{7}(?:v\\d+)?}/${CITE_FILE}`, (c) =>
    citation(c, `${c.req.param('archive')}/${c.req.param('num')}`, c.req.param('file')),
  );
  app.get('/papers/:file{[^/]+\\.md}', (c) => markdown(c, c.req.param('file').slice(0, -3)));
  app.get('/papers/:archive/:file{\\d{7}(?:v\\d+)?\\.md}', (c) =>
    markdown(c, `${c.req.param('archive')}/${c.req.param('file').slice(0, -3)}`),
  );

  const id = z.string().openapi({ example: '2503.11677' });
  for (const [ext, format] of Object.entries(EXTENSIONS))
    app.openAPIRegistry.registerPath({
      method: 'get',
      path: `/papers/{id}/cite.${ext}`,
      tags: ['Citations'],
      summary: `One paper as ${format === 'csl-json' ? 'CSL-JSON' : format === 'ris' ? 'RIS' : 'BibTeX'}`,
      request: { params: z.object({ id }) },
      responses: {
        200: {
          description: 'The citation',
          content: {
            [renderCitations(format, [], '').contentType.split(';')[0]!]: {
              schema:
                format === 'csl-json'
                  ? z.array(z.object({ id: z.string(), type: z.string(), title: z.string() }))
                  : z.string(),
            },
          },
        },
        ...problemResponses(400, 404),
      },
    });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/papers/{id}.md',
    tags: ['Citations'],
    summary: 'One paper as Markdown (title, authors, links, abstract)',
    request: { params: z.object({ id }) },
    responses: {
      200: { description: 'Markdown', content: { 'text/markdown': { schema: z.string() } } },
      ...problemResponses(400, 404),
    },
  });
}
