/**
 * The saved HNSW index of a model, beside the store: the file usearch writes and a small JSON
 * record of what it holds. usearch trusts the bytes it loads (a damaged file can crash the
 * process), so the record carries the file's length and digest and a file that does not match
 * them is never handed to it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface IndexFileRecord {
  /** Every vector through this embeddings.seq is in the file. */
  highWater: number;
  bytes: number;
  sha256: string;
}

/** Where a model's HNSW index is saved. */
export function indexFileFor(dataDir: string, modelId: string): string {
  const safe = modelId.replace(/[^\w.-]+/g, '_');
  return path.join(dataDir, 'search-index', `${safe}.usearch`);
}

/** Where a new index file is written before it replaces the saved one. */
export function stagedIndexFile(file: string): string {
  return `${file}.next`;
}

/**
 * Puts a fully written index file (`staged`) in place of the saved one, with its record: every
 * vector through `highWater` is in it. The old file stays usable until the rename; a crash
 * between the rename and the record leaves a file without a record, which is rebuilt.
 */
export async function installIndexFile(
  staged: string,
  file: string,
  highWater: number,
): Promise<void> {
  const record: IndexFileRecord = {
    highWater,
    bytes: fs.statSync(staged).size,
    sha256: await digest(staged),
  };
  fs.rmSync(`${file}.json`, { force: true });
  fs.renameSync(staged, file);
  const tmp = `${file}.json.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record));
  fs.renameSync(tmp, `${file}.json`);
}

/**
 * The high-water mark of a saved index file that matches its record; throws (saying why) when
 * the record is missing or unreadable or the file differs from it.
 */
export async function verifiedHighWater(file: string): Promise<number> {
  const record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Partial<IndexFileRecord>;
  if (typeof record.highWater !== 'number' || typeof record.sha256 !== 'string')
    throw new Error('the index record is incomplete');
  if (fs.statSync(file).size !== record.bytes) throw new Error('the index file has changed size');
  if ((await digest(file)) !== record.sha256) throw new Error('the index file is corrupt');
  return record.highWater;
}

/** Forgets a saved index file (it no longer matches the store). */
export function removeIndexFile(file: string): void {
  fs.rmSync(`${file}.json`, { force: true });
  fs.rmSync(file, { force: true });
  fs.rmSync(stagedIndexFile(file), { force: true });
}

/**
 * Streams the file through SHA-256 in 4 MB chunks, so a large index does not block the event
 * loop for long (each chunk hashes in a few milliseconds), yet a one-off command does not wait
 * for hundreds of turns of a busy event loop as it did with 64 KB chunks.
 */
async function digest(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
