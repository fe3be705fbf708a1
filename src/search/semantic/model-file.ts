/**
 * The active model's bytes cached beside the store: the built-in model is ~18 MB at 75,000
 * papers, and reading a blob that size out of SQLite took most of half a second of every
 * `folio search`. The file holds a magic, the bytes' length and CRC-32, then the bytes; a file
 * that does not match is ignored (and rewritten from the store). A model's id names its file and
 * never changes its bytes, so a file is current as long as it is intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../db/database.ts';
import { findActiveModelInfo, modelBytes, type ModelRecord } from './embedding.repository.ts';

const MAGIC = 'FOLIOMDL';
const HEAD = MAGIC.length + 8;

/** Where a model's bytes are cached. */
export function modelFileFor(dataDir: string, modelId: string): string {
  const safe = modelId.replace(/[^\w.-]+/g, '_');
  return path.join(dataDir, 'search-index', `${safe}.model`);
}

/** The cached bytes, or null when the file is missing or does not match its own header. */
export function readModelFile(file: string): Uint8Array | null {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (buffer.length < HEAD || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const length = buffer.readUInt32LE(MAGIC.length);
  const crc = buffer.readUInt32LE(MAGIC.length + 4);
  const bytes = buffer.subarray(HEAD);
  return bytes.length === length && zlib.crc32(bytes) === crc ? bytes : null;
}

/** Caches a model's bytes (a temporary file, then a rename). */
export function writeModelFile(file: string, bytes: Uint8Array): void {
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(bytes.length, MAGIC.length);
  head.writeUInt32LE(zlib.crc32(bytes), MAGIC.length + 4);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staged = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(staged, Buffer.concat([head, bytes]));
  fs.renameSync(staged, file);
}

/**
 * The active model with its bytes: from the cache file when intact, else from the store (and
 * then cached). Null when no model is active.
 */
export async function loadActiveModel(db: Db, dataDir: string | null): Promise<ModelRecord | null> {
  const info = await findActiveModelInfo(db);
  if (!info) return null;
  const file = dataDir ? modelFileFor(dataDir, info.id) : null;
  const cached = file ? readModelFile(file) : null;
  if (cached) return { ...info, data: cached };
  const data = await modelBytes(db, info.id);
  if (file && data) {
    try {
      writeModelFile(file, data);
    } catch {
      // A read-only data folder: the store's copy serves, a little slower.
    }
  }
  return { ...info, data };
}
