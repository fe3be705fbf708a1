/**
 * The saved HNSW index of a model, beside the store: the file usearch writes and a small JSON
 * record of what it holds. usearch trusts the bytes it loads (a damaged file can crash the
 * process), so the record carries the file's length and digest and a file that does not match
 * them is never handed to it. Hashing a large file takes a while (about a second per 300 MB),
 * so the record also keeps the file's identity as written (device, inode, size, modification
 * and change times): a one-off command (`folio search`) trusts a file that is still the one
 * hashed, while a serving process hashes it anew at start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface IndexFileRecord {
  /** Every vector through this embeddings.seq is in the file. */
  highWater: number;
  bytes: number;
  sha256: string;
  /** The file's identity once in place (see `identityOf`). */
  identity?: string;
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
  record.identity = identityOf(file);
  const tmp = `${file}.json.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record));
  fs.renameSync(tmp, `${file}.json`);
}

/**
 * The high-water mark of a saved index file that matches its record; throws (saying why) when
 * the record is missing or unreadable or the file differs from it. With `trustUnchanged`, a
 * file that is still the one recorded (same identity) is not hashed again.
 */
export async function verifiedHighWater(
  file: string,
  options: { trustUnchanged?: boolean } = {},
): Promise<number> {
  const record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Partial<IndexFileRecord>;
  if (typeof record.highWater !== 'number' || typeof record.sha256 !== 'string')
    throw new Error('the index record is incomplete');
  if (fs.statSync(file).size !== record.bytes) throw new Error('the index file has changed size');
  if (options.trustUnchanged && record.identity === identityOf(file)) return record.highWater;
  if ((await digest(file)) !== record.sha256) throw new Error('the index file is corrupt');
  return record.highWater;
}

/**
 * Which file this is and which version of it: a rewrite, a copy or a touch changes the inode or
 * the change time (which no one can set back), so an equal identity means the same bytes as
 * when it was recorded, barring a disk error, which a serving process's full check catches.
 */
function identityOf(file: string): string {
  const s = fs.statSync(file, { bigint: true });
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':');
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
