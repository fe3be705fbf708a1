import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context } from 'hono';
import { notFound } from '../../domain/errors.ts';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** GET /static/katex/* — KaTeX's stylesheet and fonts from the installed package (no CDN). */
export function katexFiles() {
  // The package's main file sits in its dist folder beside the stylesheet and fonts.
  const root = path.dirname(createRequire(import.meta.url).resolve('katex'));
  const cache = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string }>();
  return (c: Context) => {
    const name = c.req.param('file') ?? '';
    const folder = c.req.param('folder');
    // katex.min.css, or fonts/KaTeX_*.woff2: plain names only, nothing outside the package.
    if (!/^[\w.-]+$/.test(name) || (folder !== undefined && folder !== 'fonts'))
      throw notFound('No such file.');
    const relative = folder ? `fonts/${name}` : name;
    let file = cache.get(relative);
    if (!file) {
      const type = TYPES[path.extname(name)];
      const full = path.join(root, relative);
      if (!type || (!folder && name !== 'katex.min.css') || !fs.existsSync(full))
        throw notFound('No such file.');
      file = { body: new Uint8Array(fs.readFileSync(full)), type };
      cache.set(relative, file);
    }
    return c.body(file.body, 200, {
      'Content-Type': file.type,
      'Cache-Control': 'public, max-age=604800, immutable',
    });
  };
}
