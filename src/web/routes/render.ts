import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { badRequest } from '../../domain/errors.ts';

/** Sends a rendered page as an HTML document. */
export function sendPage(c: Context, page: unknown, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${String(page)}`, status);
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
