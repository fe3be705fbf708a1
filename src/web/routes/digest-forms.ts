import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PreferenceInput } from '../../digest/topics.ts';

/** Renders a page element as a full HTML document. */
export function html(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${page.toString()}`, status);
}

/** The preference fields of a parsed form body (strings or repeated strings only). */
export function formInput(form: Record<string, unknown>): PreferenceInput {
  const out: PreferenceInput = {};
  for (const key of ['frequency', 'categories', 'keywords', 'query', 'timeZone'] as const) {
    const value = form[key];
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value))
      out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** Who is asking, for per-client rate limits: the client address (trusted proxy aware). */
export function clientKey(c: Context): string {
  const known = c.get('clientAddress');
  if (known) return known;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests made in-process (tests, app.request) have no socket.
    return 'local';
  }
}
