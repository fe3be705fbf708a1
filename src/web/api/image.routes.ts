import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import { problemResponses } from './problem.ts';
import type { AppDeps } from '../app.ts';
import { xmlEscape } from '../feeds/xml.ts';
import { sendCached } from './http-cache.ts';

/**
 * The images the Hugging Face shape links to: a paper's thumbnail (its title on a card) and a
 * submitter's avatar (an initial), drawn as SVG so Folio needs no image store or CDN.
 */
export function registerImageRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.get('/papers/:id/thumbnail.svg', async (c) => {
    const parsed = parseArxivId(c.req.param('id'));
    if (!parsed)
      throw badRequest('invalid_id', 'Invalid id: expected an arXiv id such as 2410.17243', {
        errors: [{ field: 'id', message: 'expected an arXiv id such as 2410.17243' }],
      });
    const paper = await deps.papers.find(parsed.id);
    if (!paper) throw notFound('There is no such paper here.');
    const lines = wrap(paper.title, 38).slice(0, 4);
    const text = lines
      .map((line, i) => `<text x="40" y="${90 + i * 44}" font-size="34">${xml(line)}</text>`)
      .join('');
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400">` +
      `<rect width="800" height="400" fill="#f6f5f1"/><g font-family="Georgia, serif" fill="#1d1d1b">${text}</g>` +
      `<text x="40" y="360" font-size="22" font-family="sans-serif" fill="#666">arXiv:${xml(paper.id)} · Folio</text></svg>`;
    return sendCached(c, svg, 'image/svg+xml', { cacheControl: 'public, max-age=86400' });
  });

  app.get('/api/avatars/:file{[^/]+\\.svg}', (c) => {
    const name = c.req.param('file').slice(0, -4);
    if (name.length > 100)
      throw badRequest('invalid_name', 'Invalid name: at most 100 characters', {
        errors: [{ field: 'name', message: 'at most 100 characters' }],
      });
    const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
    const hue = [...name].reduce((h, ch) => (h * 31 + ch.codePointAt(0)!) % 360, 0);
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
      `<rect width="64" height="64" rx="32" fill="hsl(${hue} 45% 45%)"/>` +
      `<text x="32" y="42" font-size="30" text-anchor="middle" font-family="sans-serif" fill="#fff">${xml(initial)}</text></svg>`;
    return sendCached(c, svg, 'image/svg+xml', { cacheControl: 'public, max-age=86400' });
  });

  for (const [path, summary] of [
    [
      '/papers/{id}/thumbnail.svg',
      'A paper’s thumbnail card (the `thumbnail` of the Hugging Face shape)',
    ],
    ['/api/avatars/{name}.svg', 'A submitter’s avatar (the `avatarUrl` of the Hugging Face shape)'],
  ] as const)
    app.openAPIRegistry.registerPath({
      method: 'get',
      path,
      tags: ['Images'],
      summary,
      request: {
        params: z.object(
          path.includes('{id}') ? { id: z.string() } : { name: z.string().max(100) },
        ),
      },
      responses: {
        200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string() } } },
        ...(path.includes('{id}') ? problemResponses(400, 404) : problemResponses(400)),
      },
    });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const xml = xmlEscape;
