import type { MiddlewareHandler } from 'hono';

const HEADERS: [string, string][] = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  ],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
];

/** Browsers remember for a year to reach the site over https only (no subdomains: they are the operator's). */
const HSTS: [string, string] = ['Strict-Transport-Security', 'max-age=31536000'];

/**
 * Headers that keep pages from running injected scripts, being framed, or leaking referrers;
 * HSTS as well when the site's public address is https.
 */
export function securityHeaders(baseUrl: string): MiddlewareHandler {
  const headers = baseUrl.startsWith('https:') ? [...HEADERS, HSTS] : HEADERS;
  return async (c, next) => {
    await next();
    if (c.req.method === 'HEAD') {
      // Hono answers HEAD by wrapping the GET response as `new Response(null, response)`; the
      // Node adapter's light responses then keep only the headers the response was created
      // with, dropping any set on it afterwards. A fresh response with every header survives.
      const { status } = c.res;
      const merged = new Headers(c.res.headers);
      for (const [name, value] of headers) merged.set(name, value);
      c.res = undefined;
      c.res = new Response(null, { status, headers: merged });
      return;
    }
    // Set on the finished response in place: c.header() would rebuild it around a body stream,
    // which makes the Node adapter stream every large body in chunks instead of writing it once.
    try {
      for (const [name, value] of headers) c.res.headers.set(name, value);
    } catch {
      // A response with immutable headers (e.g. from fetch) gets rebuilt after all.
      for (const [name, value] of headers) c.header(name, value);
    }
  };
}
