import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { badRequest } from '../../domain/errors.ts';
import type { PageCache } from '../page-cache.ts';

/** Sends a rendered page as an HTML document. */
export function sendPage(c: Context, page: unknown, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${String(page)}`, status);
}

const utf8 = new TextEncoder();

/**
 * Sends a page that is the same for everyone asking (a signed-out visitor's), rendered once
 * into the page cache under `key`. The cache keeps the document as the UTF-8 bytes sent, not
 * as a string: a page with a ★, a ▲ or an accented author name is a UTF-16 string in V8, and
 * measuring and encoding its 70 KB again on every request took most of a cached request's CPU.
 */
export async function sendSharedPage(
  c: Context,
  cache: PageCache,
  key: string,
  render: () => unknown,
  ttlMs?: number,
) {
  const body = await cache.get(
    key,
    async () => utf8.encode(`<!doctype html>${String(await render())}`),
    ttlMs,
  );
  return c.body(body, 200, { 'Content-Type': 'text/html; charset=UTF-8' });
}

/** The `?page=` number: 1 when absent; a clear 400 when it is not a page number. */
export function pageNumber(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1) throw pageError(value);
  return n;
}

const pageError = (value: string) =>
  badRequest('invalid_page', `"${value.slice(0, 20)}" is not a page number; pages count from 1.`);
