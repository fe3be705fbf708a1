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

/** Headers that keep pages from running injected scripts, being framed, or leaking referrers. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // Set on the finished response in place: c.header() would rebuild it around a body stream,
  // which makes the Node adapter stream every large body in chunks instead of writing it once.
  try {
    for (const [name, value] of HEADERS) c.res.headers.set(name, value);
  } catch {
    // A response with immutable headers (e.g. from fetch) gets rebuilt after all.
    for (const [name, value] of HEADERS) c.header(name, value);
  }
};
