import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';
import type { ExportFile } from '../../library/transfer/reference-transfer.service.ts';

const FORMATS: Record<string, string> = { bib: 'bibtex', ris: 'ris', json: 'csl-json' };

/** `export.bib` → bibtex; anything else is a clear 400. */
export function exportFormat(file: string): string {
  const format = FORMATS[file.slice(file.lastIndexOf('.') + 1)];
  if (!format)
    throw badRequest('invalid_format', 'Export as .bib (BibTeX), .ris (RIS) or .json (CSL-JSON).');
  return format;
}

/** Answers with a reference file as a private download. */
export function sendExportFile(c: Context, file: ExportFile) {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.body(file.body);
}

/** A form field that is text, or undefined. */
export const formText = (v: unknown) => (typeof v === 'string' ? v : undefined);
