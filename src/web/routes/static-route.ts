import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { notFound } from '../../domain/errors.ts';

const STATIC_DIR = path.resolve(import.meta.dirname, '..', 'static');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/** GET /static/:file — files shipped in src/web/static, read once and kept in memory. */
export function staticFiles() {
  const cache = new Map<string, { body: Buffer; type: string; etag: string }>();
  return (c: Context) => {
    const name = c.req.param('file') ?? '';
    // Only plain names: no folders, no dot-files, nothing outside the static folder.
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw notFound('No such file.');
    let file = cache.get(name);
    if (!file) {
      const full = path.join(STATIC_DIR, name);
      const type = TYPES[path.extname(name)];
      if (!type || !fs.existsSync(full)) throw notFound('No such file.');
      const body = fs.readFileSync(full);
      file = {
        body,
        type,
        etag: `"${body.length.toString(16)}-${fs.statSync(full).mtimeMs.toString(16)}"`,
      };
      cache.set(name, file);
    }
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.type,
      ETag: file.etag,
      'Cache-Control': 'public, max-age=3600',
    });
  };
}
