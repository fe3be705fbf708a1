import fs from 'node:fs';
import path from 'node:path';

/** A message written to the outbox folder, as the admin page lists it. */
export interface OutboxFile {
  name: string;
  size: number;
  writtenAt: string;
  to: string;
  subject: string;
}

const NAME = /^[\w.-]+\.eml$/;

/** The newest .eml files of the outbox folder, newest first, with their To and Subject. */
export function listOutboxFiles(dir: string, limit: number): OutboxFile[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .slice(0, limit);
  return names.map((name) => {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    const headers = readHeaders(file);
    return {
      name,
      size: stat.size,
      writtenAt: stat.mtime.toISOString(),
      to: headers.get('to') ?? '',
      subject: headers.get('subject') ?? '',
    };
  });
}

/** The whole text of one outbox file, or null when the name is not one of its files. */
export function readOutboxFile(dir: string, name: string): string | null {
  if (!NAME.test(name)) return null;
  const file = path.join(dir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

function readHeaders(file: string): Map<string, string> {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(16_384);
  const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
  fs.closeSync(fd);
  const head =
    buffer
      .subarray(0, read)
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const headers = new Map<string, string>();
  // Continuation lines start with white space and belong to the header above.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([\w-]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) => {
        if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
        const bytes = text
          .replace(/_/g, ' ')
          .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          );
        return Buffer.from(bytes, 'latin1').toString('utf8');
      },
    );
}
