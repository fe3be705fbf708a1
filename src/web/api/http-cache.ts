import crypto from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

/** Cache-Control for public lists: short, because votes move them, and revalidated by ETag. */
export const LIST_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** A weak ETag over the exact bytes sent. */
export function etagOf(body: string): string {
  return `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when the request's If-None-Match already names this ETag (or `*`). */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === etag || t.replace(/^W\//, '') === etag.replace(/^W\//, ''));
}

/**
 * Sends a body with ETag, Cache-Control and (when known) Last-Modified, or an empty 304 when the
 * client's copy is current.
 */
export function sendCached(
  c: Context,
  body: string,
  contentType: string,
  options: {
    cacheControl?: string;
    lastModified?: Date | null;
    headers?: Record<string, string>;
  } = {},
): Response {
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': options.cacheControl ?? LIST_CACHE_CONTROL,
    Vary: 'Accept-Encoding',
    ...options.headers,
  };
  if (options.lastModified) headers['Last-Modified'] = options.lastModified.toUTCString();
  if (
    notModified(c, etag) ||
    (!c.req.header('if-none-match') && unmodifiedSince(c, options.lastModified))
  )
    return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { 'Content-Type': contentType, ...headers } });
}

function unmodifiedSince(c: Context, lastModified: Date | null | undefined): boolean {
  const since = c.req.header('if-modified-since');
  if (!since || !lastModified) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Math.floor(lastModified.getTime() / 1000) * 1000 <= time;
}

/**
 * JSON with ETag and Cache-Control (304 when unchanged), typed as the JSON answer it carries so
 * an OpenAPI handler's return is checked against its declared 200 schema.
 */
export function cachedJson<T>(
  c: Context,
  value: T,
  options: { headers?: Record<string, string>; cacheControl?: string } = {},
): TypedResponse<JSONParsed<T>, 200, 'json'> {
  const response = sendCached(c, JSON.stringify(value), 'application/json; charset=utf-8', options);
  // A 304 carries no body: the client reuses the copy it has, which is this same JSON.
  return response as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}
