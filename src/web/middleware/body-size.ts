import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';

/** Largest form body the site accepts; comments are at most a few kilobytes. */
export const MAX_FORM_BYTES = 64 * 1024;

/** Rejects oversized request bodies with a clear 413 before anything reads them. */
export const formBodyLimit = bodyLimit({
  maxSize: MAX_FORM_BYTES,
  onError: () => {
    throw new AppError(
      413,
      'body_too_large',
      `That is more than the site accepts (${MAX_FORM_BYTES / 1024} KB). Shorten it and try again.`,
    );
  },
});

/** A reference file upload (BibTeX or RIS) may be larger than a form: up to 5 MB and its form fields. */
export const MAX_REFERENCE_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024;

export const referenceFileBodyLimit = bodyLimit({
  maxSize: MAX_REFERENCE_UPLOAD_BYTES,
  onError: () => {
    throw new AppError(
      413,
      'body_too_large',
      'That file is larger than the 5 MB a reference file may be. Export a collection at a time and try again.',
    );
  },
});
