import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { PaperRecord, PaperVersion } from '../../domain/paper.ts';
import type { DailyEntry } from '../../papers/daily-entry.repository.ts';
import { parseHfEntry } from './hf-daily.ts';

/**
 * One line of a JSON Lines file: its number, and the record (with its daily-list entry when the
 * line is one) or why it could not be read.
 */
export type JsonlLine =
  { line: number; record: PaperRecord; entry?: DailyEntry } | { line: number; error: string };

/** The file itself could not be read on (e.g. a truncated .gz): which file, after which line, why. */
export class JsonlReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${path.basename(file)}: ${reason}, after line ${line}`);
    this.name = 'JsonlReadError';
  }
}

/**
 * Reads papers from JSON Lines (plain or gzip-compressed, told apart by content) in the Kaggle
 * arXiv-snapshot schema, the daily-listing schema (`id, title, summary, authors[],
 * categories[], listing_date`) or a Hugging Face daily-papers archive (each line one item of
 * `/api/daily_papers` plus the `day` of its list), from line `startLine` on. A broken line is yielded as an error
 * and reading goes on; a file that cannot be read on throws JsonlReadError. `bytes.read`
 * follows how much of the (compressed) file has been read, for progress.
 */
export async function* readJsonlPapers(
  file: string,
  startLine = 0,
  bytes: { read: number } = { read: 0 },
): AsyncGenerator<JsonlLine> {
  const gzip = isGzip(file);
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  // Compressed input counts what gunzip has taken; plain input counts the lines handed out.
  if (gzip)
    raw.on('data', (chunk) => {
      bytes.read += chunk.length;
    });
  const input = gzip ? raw.pipe(zlib.createGunzip()) : raw;
  // A read error on the file does not travel down a pipe; hand it to readline's input so the loop ends.
  raw.on('error', (error) => input.destroy(error));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (let text of lines) {
      number++;
      if (!gzip) bytes.read += Buffer.byteLength(text) + 1;
      if (number <= startLine) continue;
      if (number === 1) text = text.replace(/^\ufeff/, '');
      if (text.trim() === '') continue;
      yield parseLine(text, number);
    }
  } catch (error) {
    throw new JsonlReadError(file, number, describeReadError(error));
  } finally {
    lines.close();
    raw.destroy();
    input.destroy();
  }
}

function isGzip(file: string): boolean {
  const magic = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

function describeReadError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR') return 'the compressed data ends early (is the file truncated?)';
  if (code === 'Z_DATA_ERROR') return `the compressed data is corrupt (${message})`;
  return message;
}

function parseLine(text: string, line: number): JsonlLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not JSON (${(error as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { line, error: 'not a JSON object' };
  const object = value as Record<string, unknown>;
  if ('paper' in object && 'day' in object) return fromHfArchive(object, line);
  try {
    return {
      line,
      record:
        'versions' in object || 'authors_parsed' in object
          ? fromKaggle(object)
          : fromDailyListing(object),
    };
  } catch (error) {
    return { line, error: (error as Error).message };
  }
}

/** A line of a Hugging Face daily-papers archive: the API's item plus the `day` it was listed on. */
function fromHfArchive(o: Record<string, unknown>, line: number): JsonlLine {
  const day = o.day;
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
    return { line, error: `day: expected YYYY-MM-DD, got ${JSON.stringify(day)?.slice(0, 40)}` };
  const parsed = parseHfEntry(o, day, line - 1);
  if ('reason' in parsed) return { line, error: parsed.reason };
  return { line, record: parsed.record, entry: parsed.entry };
}

/** The daily-listing schema of the bundled corpus. */
function fromDailyListing(o: Record<string, unknown>): PaperRecord {
  return {
    id: str(o, 'id'),
    title: str(o, 'title'),
    abstract: str(o, o.summary !== undefined ? 'summary' : 'abstract'),
    authors: strArray(o.authors),
    categories: strArray(o.categories),
    comment: optStr(o.comment),
    listingDate: optStr(o.listing_date),
    publishedAt: optStr(o.published),
    updatedAt: optStr(o.updated),
    doi: optStr(o.doi),
    journalRef: optStr(o.journal_ref),
  };
}

/** Kaggle's arxiv-metadata-oai-snapshot: authors as one string, categories space-separated, versions with RFC 2822 dates. */
function fromKaggle(o: Record<string, unknown>): PaperRecord {
  const versions: PaperVersion[] = Array.isArray(o.versions)
    ? o.versions.flatMap((v: unknown) => {
        const entry = v as { version?: unknown; created?: unknown };
        const n = Number(String(entry.version ?? '').replace(/^v/, ''));
        if (!Number.isInteger(n) || n < 1) return [];
        const time = Date.parse(String(entry.created ?? ''));
        return [{ version: n, date: Number.isNaN(time) ? null : new Date(time).toISOString() }];
      })
    : [];
  const authors = Array.isArray(o.authors_parsed)
    ? o.authors_parsed.map((parts: unknown) => kaggleName(parts)).filter(Boolean)
    : splitAuthors(str(o, 'authors'));
  const last = versions.at(-1);
  return {
    id: str(o, 'id'),
    version: last?.version ?? null,
    title: str(o, 'title'),
    abstract: str(o, 'abstract'),
    authors,
    categories: str(o, 'categories').split(/\s+/).filter(Boolean),
    comment: optStr(o.comments),
    journalRef: optStr(o['journal-ref']),
    doi: optStr(o.doi),
    license: optStr(o.license),
    publishedAt: versions[0]?.date ?? null,
    // update_date is when the metadata last changed; only a stand-in when versions are missing.
    updatedAt: last?.date ?? optStr(o.update_date),
    versions,
  };
}

/** `["Bal\\'azs", "C.", ""]` (last, first, suffix) → `C. Bal\\'azs`. */
function kaggleName(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  const [last, first, suffix] = parts.map((p) => (typeof p === 'string' ? p.trim() : ''));
  return [first, last, suffix].filter(Boolean).join(' ');
}

function splitAuthors(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/,\s*|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

function str(o: Record<string, unknown>, field: string): string {
  const value = o[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === undefined || value === null) return '';
  throw new Error(
    `${field}: expected text, got ${Array.isArray(value) ? 'an array' : typeof value}`,
  );
}

function optStr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function strArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
