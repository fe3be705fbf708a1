import type { PaperRecord } from '../../domain/paper.ts';

/** A record a source could not turn into a paper: which one, and why. */
export interface ParseFailure {
  record: string;
  reason: string;
}

/**
 * Beyond this a field is not a long abstract but broken input (arXiv caps abstracts at 1,920
 * characters); such records are refused rather than silently cut.
 */
export const MAX_FIELD_CHARS = 100_000;

/**
 * Why a parsed record must be refused, or null when it may go on to normalization: a field of
 * absurd size, or text decoded from bytes that were not valid UTF-8 (U+FFFD replacements in a
 * body whose decoding failed).
 */
export function refuseReason(record: PaperRecord, bodyHadInvalidUtf8: boolean): string | null {
  const fields: [string, string | null | undefined][] = [
    ['title', record.title],
    ['abstract', record.abstract],
    ['authors', record.authors.join(', ')],
    ['comment', record.comment],
    ['journal reference', record.journalRef],
  ];
  for (const [name, value] of fields) {
    if (!value) continue;
    if (value.length > MAX_FIELD_CHARS)
      return `${name} is ${value.length} characters (more than ${MAX_FIELD_CHARS})`;
    if (bodyHadInvalidUtf8 && value.includes('\ufffd'))
      return `${name} contains bytes that are not valid UTF-8`;
  }
  return null;
}

/** A short label for a record in failure messages: its position and id when it has one. */
export function recordLabel(index: number, id: string | null | undefined): string {
  const clean = id?.trim().slice(0, 60);
  return clean ? `entry ${index + 1} (${clean})` : `entry ${index + 1}`;
}

/**
 * Splits an author list written as one string ("A. One, B. Two, and C. Three"), keeping
 * commas inside parentheses (affiliations) with their author.
 */
export function splitAuthorList(text: string | null | undefined): string[] {
  if (!text) return [];
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && ch === ',') {
      parts.push(current);
      current = '';
    } else if (depth === 0 && flat.startsWith(' and ', i)) {
      parts.push(current);
      current = '';
      i += 4;
    } else current += ch;
  }
  parts.push(current);
  return parts.map((name) => name.replace(/^and\s+/, '').trim()).filter(Boolean);
}
