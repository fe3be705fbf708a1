import zlib from 'node:zlib';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { etagOf, LIST_CACHE_CONTROL, notModified } from './http-cache.ts';

/** A response body ready to send again: bytes, type, validators and extra headers. */
export interface CachedBody {
  body: string;
  /** The body encoded once, so a hit costs no UTF-8 encoding (the dominant cost of big lists). */
  bytes?: Uint8Array<ArrayBuffer>;
  /** The body gzipped, made on the first request that accepts gzip and kept with the entry. */
  gzipped?: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  headers: Record<string, string>;
  cacheControl: string;
  lastModified: Date | null;
}

export type MicroCache = (
  key: string,
  build: () => Promise<
    Omit<CachedBody, 'etag' | 'cacheControl' | 'lastModified' | 'headers'> & Partial<CachedBody>
  >,
) => Promise<CachedBody>;

/**
 * Keeps public list responses for a few seconds, per app instance, so a burst of readers costs
 * one query: lists already say `max-age=60`, so a few seconds more staleness changes nothing
 * for clients. Concurrent misses of one key share one build.
 */
export function createMicroCache(ttlMs = 3_000, maxEntries = 500): MicroCache {
  const entries = new Map<string, { expires: number; value: Promise<CachedBody> }>();
  return (key, build) => {
    const now = performance.now();
    const hit = entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = build().then((b) => ({
      headers: {},
      cacheControl: LIST_CACHE_CONTROL,
      lastModified: null,
      ...b,
      bytes: new Uint8Array(Buffer.from(b.body)),
      etag: etagOf(b.body),
    }));
    entries.delete(key);
    entries.set(key, { expires: now + ttlMs, value });
    // A failed build is not kept: the next request tries again.
    value.catch(() => entries.delete(key));
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}

/**
 * Sends a cached body, or an empty 304 when the client's copy is current; typed as the JSON
 * answer `T` it holds, so an OpenAPI handler's return is checked against its 200 schema.
 */
export function sendCachedBody<T = unknown>(
  c: Context,
  cached: CachedBody,
): TypedResponse<JSONParsed<T>, 200, 'json'> {
  return sendBody(c, cached) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}

function sendBody(c: Context, cached: CachedBody): Response {
  const headers: Record<string, string> = {
    ETag: cached.etag,
    'Cache-Control': cached.cacheControl,
    Vary: 'Accept-Encoding',
    ...cached.headers,
  };
  if (cached.lastModified) headers['Last-Modified'] = cached.lastModified.toUTCString();
  if (
    notModified(c, cached.etag) ||
    (!c.req.header('if-none-match') && unmodifiedSince(c, cached.lastModified))
  )
    return new Response(null, { status: 304, headers });
  if (cached.bytes && cached.bytes.byteLength > 1024 && acceptsGzip(c)) {
    cached.gzipped ??= new Uint8Array(zlib.gzipSync(cached.bytes, { level: 6 }));
    return new Response(cached.gzipped, {
      status: 200,
      headers: { 'Content-Type': cached.contentType, 'Content-Encoding': 'gzip', ...headers },
    });
  }
  return new Response(cached.bytes ?? cached.body, {
    status: 200,
    headers: { 'Content-Type': cached.contentType, ...headers },
  });
}

function acceptsGzip(c: Context): boolean {
  const accept = c.req.header('accept-encoding');
  return !!accept && /\bgzip\b(?!;\s*q=0(?:\.0+)?(?:\s*,|\s*$))/i.test(accept);
}

function unmodifiedSince(c: Context, lastModified: Date | null): boolean {
  const since = c.req.header('if-modified-since');
  if (!since || !lastModified) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Math.floor(lastModified.getTime() / 1000) * 1000 <= time;
}

/** The cache key of a request: its path and query, exactly as asked. */
export function requestKey(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}
