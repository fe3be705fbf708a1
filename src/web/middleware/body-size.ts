import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';

/** Largest form body the site accepts; comments are at most a few kilobytes. */
export const MAX_FORM_BYTES = 64 * 1024;
/** Largest JSON body the API accepts (a comment, a vote, a submission). */
export const MAX_JSON_BYTES = 64 * 1024;
/** A reference file upload (BibTeX or RIS) may be larger than a form: up to 5 MB and its form fields. */
export const MAX_REFERENCE_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024;

/** Routes that take a file upload; every other route takes at most a form or JSON body. */
export const UPLOAD_ROUTES: readonly RegExp[] = [/^\/library\/import$/];

const tooLarge = (what: string, bytes: number) =>
  new AppError(
    413,
    'body_too_large',
    `That ${what} is more than Folio accepts (${bytes >= 1048576 ? `${bytes / 1048576} MB` : `${bytes / 1024} KB`}). Make it smaller and try again.`,
  );

const limit = (what: string, bytes: number) =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw tooLarge(what, bytes);
    },
  });

const limits = {
  form: limit('form', MAX_FORM_BYTES),
  json: limit('request body', MAX_JSON_BYTES),
  upload: bodyLimit({
    maxSize: MAX_REFERENCE_UPLOAD_BYTES,
    onError: () => {
      throw new AppError(
        413,
        'body_too_large',
        'That file is larger than the 5 MB a reference file may be. Export a collection at a time and try again.',
      );
    },
  }),
};

/** Rejects oversized form bodies with a clear 413 before anything reads them. */
export const formBodyLimit = limits.form;

/** Bounds a reference file upload (the library import). */
export const referenceFileBodyLimit = limits.upload;

/**
 * Bounds every request body before anything parses it: a declared Content-Length over the
 * limit is refused at once, and a streamed body is cut off when it passes the limit. The limit
 * depends on the route and content type: uploads on upload routes, JSON, forms.
 */
export const boundedBody: MiddlewareHandler = (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const upload = UPLOAD_ROUTES.some((route) => route.test(c.req.path));
  if (upload) return limits.upload(c, next);
  if (type === 'application/json' || type.endsWith('+json')) return limits.json(c, next);
  return limits.form(c, next);
};
