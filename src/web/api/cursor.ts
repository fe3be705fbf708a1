import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';

/** Opaque cursors: base64url JSON, so clients pass them back verbatim and never build them. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The value a cursor carries, checked by `accept`; a cursor that does not decode is a 400. */
export function decodeCursor<T>(
  cursor: string | undefined,
  accept: (value: unknown) => T | null,
): T | null {
  if (!cursor) return null;
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const accepted = value === null ? null : accept(value);
  if (accepted === null)
    throw badRequest('invalid_cursor', 'Invalid cursor: pass back the one a response gave.', {
      errors: [{ field: 'cursor', message: 'not a cursor this API issued' }],
    });
  return accepted;
}

/** An offset cursor, for lists whose order moves (by votes) and so cannot use a keyset. */
export const offsetCursor = {
  encode: (offset: number) => encodeCursor({ o: offset }),
  decode: (cursor: string | undefined) =>
    decodeCursor(cursor, (v) => {
      const o = (v as { o?: unknown })?.o;
      return typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= 1_000_000 ? o : null;
    }) ?? 0,
};

/** The Link header (RFC 8288) pointing at the next page: this request's URL with `cursor` replaced. */
export function nextLink(
  c: Context,
  baseUrl: string,
  cursor: string | null,
): Record<string, string> {
  if (!cursor) return {};
  const url = new URL(c.req.url);
  const next = new URL(url.pathname + url.search, baseUrl);
  next.searchParams.set('cursor', cursor);
  return { Link: `<${next.toString()}>; rel="next"` };
}
