import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { readsMayLag } from '../../db/read-routing.ts';
import { SESSION_COOKIE } from './session.ts';

/** Set after a write: this browser reads from the primary for a while, past any replica lag. */
const WROTE_COOKIE = 'folio_wrote';
const WROTE_SECONDS = 30;

/**
 * Anonymous page, list, feed and API reads may come from the read replica
 * (FOLIO_DATABASE_READ_URL): a little lag is harmless there. A signed-in member (session
 * cookie), a token holder (Authorization), every write, and a browser that wrote in the last
 * 30 seconds (subscribing, managing a digest) read from the primary, so anyone sees what they
 * just did.
 */
export const replicaReads: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD') {
    const anonymous =
      !c.req.header('authorization') &&
      getCookie(c, SESSION_COOKIE) === undefined &&
      getCookie(c, WROTE_COOKIE) === undefined;
    if (anonymous) await readsMayLag(() => next());
    else await next();
    return;
  }
  await next();
  if (c.res.status < 400 && !c.req.path.startsWith('/api/'))
    setCookie(c, WROTE_COOKIE, '1', {
      path: '/',
      maxAge: WROTE_SECONDS,
      httpOnly: true,
      sameSite: 'Lax',
    });
};
