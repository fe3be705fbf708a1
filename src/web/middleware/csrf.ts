import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.ts';
import { randomToken, sameText, sign } from '../../security/signing.ts';
import type { AppDeps } from '../app.ts';
import { secureCookies } from './session.ts';

declare module 'hono' {
  interface ContextVariableMap {
    csrfToken: string | undefined;
    /** The CSRF token for forms on this page (created on first use). */
    formToken: () => string;
  }
}

/** The form field (and `X-CSRF-Token` header for scripts) that carries the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_COOKIE = 'folio_csrf';

/** Paths whose POSTs are not site forms: the API authenticates with Bearer tokens. */
const EXEMPT = ['/api/'];

/**
 * The CSRF token for forms on this page: the session's token when signed in, else a signed
 * double-submit cookie (set here on first use) so signed-out forms such as sign-in are covered too.
 */
export function csrfToken(c: Context, secret: string, secure: boolean): string {
  const session = c.get('session');
  if (session) return session.csrf;
  const known = c.get('csrfToken');
  if (known) return known;
  const cookie = getCookie(c, CSRF_COOKIE);
  if (cookie && validDoubleSubmit(secret, cookie)) {
    c.set('csrfToken', cookie);
    return cookie;
  }
  const nonce = randomToken();
  const token = `${nonce}.${sign(secret, nonce)}`;
  setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  c.set('csrfToken', token);
  return token;
}

function validDoubleSubmit(secret: string, value: string): boolean {
  const [nonce, mac, extra] = value.split('.');
  return !!nonce && !!mac && extra === undefined && sameText(mac, sign(secret, nonce));
}

/** Offers pages the lazy `formToken` (before anything can fail, so error pages get it too). */
export function formTokens(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    c.set('formToken', () => csrfToken(c, deps.secret, secureCookies(c, deps)));
    await next();
  };
}

/** Refuses state-changing requests without the page's CSRF token (403 with a plain explanation). */
export function csrfProtection(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    if (EXEMPT.some((prefix) => c.req.path.startsWith(prefix))) return next();
    const session = c.get('session');
    const expected = session
      ? session.csrf
      : (() => {
          const cookie = getCookie(c, CSRF_COOKIE);
          return cookie && validDoubleSubmit(deps.secret, cookie) ? cookie : null;
        })();
    const provided = c.req.header('x-csrf-token') ?? (await formField(c, CSRF_FIELD));
    if (!expected || !provided || !sameText(provided, expected))
      throw new AppError(
        403,
        'csrf_failed',
        'This form has expired or came from another site. Go back, reload the page and try again.',
      );
    // Make sure pages rendered after the POST (an error page, say) reuse the same token.
    if (!session) c.set('csrfToken', expected);
    await next();
  };
}

/** One field of a urlencoded or multipart body (parsed once; Hono caches it for the handler). */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (
    !type.startsWith('application/x-www-form-urlencoded') &&
    !type.startsWith('multipart/form-data')
  )
    return undefined;
  const body = await readForm(c);
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** The parsed form body; a body that does not parse is a clear 400, never a 500. */
export async function readForm(
  c: Context,
): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new AppError(
      400,
      'bad_form',
      'The form could not be read. Reload the page and try again.',
    );
  }
}
