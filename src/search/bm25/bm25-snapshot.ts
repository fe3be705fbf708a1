/**
 * The keyword index saved beside the store as one flat file, so a one-off process (`folio
 * search`) loads it in milliseconds instead of building it (seconds) or falling back to the
 * store's full-text search (slower, and ranked without the index's word variants).
 *
 * Layout: "FOLIOBM25", a format version, the header's length, the header (JSON: the tag, the
 * strings and where each array lies), then the typed arrays, each 8-byte aligned, the postings
 * last. A reader reads everything but the postings (a few MB), checked against a CRC-32, and
 * each term's postings when a query first uses it, checked to point inside the papers; the
 * file's length is checked against the header. The file is written beside its place and
 * renamed, so a reader never sees half of one (and one that has it open keeps its version).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BM25 } from '../keyword/keyword.types.ts';
import { derivationalRoot } from '../text/variants.ts';
import { docFromRow } from './bm25-doc.ts';
import { Bm25Index, type Bm25State } from './bm25-index.ts';
import type { ListsSource } from './postings.ts';
import { SortedTerms } from './term-table.ts';

const MAGIC = 'FOLIOBM25';
const VERSION = 1;
/** Magic, version (u32), header length (u32). */
const PREAMBLE = MAGIC.length + 8;

/** The store state a snapshot reflects, so a reader can tell what it misses. */
export interface SnapshotTag {
  /** Papers in the store when the snapshot was taken. */
  papers: number;
  /** Highest modified_at the index had applied. */
  highWater: string | null;
  /** Where the next poll for changed papers starts (see KeywordEngine). */
  since: string | null;
}

type StateArray = {
  [K in keyof Bm25State]: Bm25State[K] extends ArrayBufferView ? K : never;
}[keyof Bm25State];
/** The state's arrays, the term table's and the posting lists'. */
type ArrayName =
  | StateArray
  | 'termBytes'
  | 'termStarts'
  | 'termIds'
  | 'listStarts'
  | 'listCounts'
  | 'listLast'
  | 'listCrc'
  | 'postings';

const ARRAYS = {
  termBytes: Uint8Array,
  termStarts: Int32Array,
  termIds: Int32Array,
  df: Int32Array,
  listStarts: Int32Array,
  listCounts: Int32Array,
  listLast: Int32Array,
  docPid: Int32Array,
  docLen: Float32Array,
  docDay: Int32Array,
  docFlags: Uint8Array,
  docModified: Float64Array,
  docCatStart: Int32Array,
  docCatCount: Uint8Array,
  cats: Uint16Array,
  pidSlot: Int32Array,
  /** Per term, the CRC-32 of its encoded postings (checked when a query first reads them). */
  listCrc: Uint32Array,
  // The postings come last: a reader loads everything before them and only the terms it uses.
  postings: Uint8Array,
} as const satisfies Record<ArrayName, unknown>;

interface Header {
  tag: SnapshotTag;
  /** How this version turns papers into index terms (see `indexFingerprint`). */
  fingerprint: string;
  /** Bytes after the header; of them, the bytes before the postings, and their CRC-32. */
  bytes: number;
  headBytes: number;
  crc: number;
  arrays: Record<ArrayName, { offset: number; length: number }>;
  categories: string[];
  live: number;
  dead: number;
  totalLen: number;
  staleDf: boolean;
  stopwordTitles: [number, string][];
  derived: [string, string[]][];
}

/**
 * A digest of how this version of the code indexes a paper: the terms, weights and variants of
 * one paper full of the cases tokenizing, stemming and weighing decide. A snapshot made by a
 * version that indexes differently has another fingerprint and is not used.
 */
export function indexFingerprint(): string {
  const doc = docFromRow({
    pid: 1,
    title: 'The Molecular Graphs of Transformers: Learning Faster Biological Networks',
    abstract:
      'We study running, runners and ran; generalization of CNNs with 3D-aware diffusion at ' +
      "1.5x speed, naïve façades, state-of-the-art e-mail (it's) and molecules' geometry.",
    authors: '["Zoë Ångström","J. R. R. Tolkien"]',
    categories: '["cs.LG","stat.ML"]',
    listing_date: '2025-01-02',
    published_at: null,
    code_repo: 'https://github.com/a/b',
    modified_at: '2025-01-02T00:00:00.000Z',
  });
  const terms = [...doc.terms].map(([t, w]) => [t, w, derivationalRoot(t)]);
  return zlib
    .crc32(JSON.stringify([terms, doc.length, doc.day, doc.categories, VERSION, BM25]))
    .toString(16);
}

/** Where the keyword index snapshot of a store lives. */
export function snapshotFileFor(dataDir: string): string {
  return path.join(dataDir, 'search-index', 'keyword.bm25');
}

/** Writes the index with its tag to `file` (atomically: a temporary file, then a rename). */
export async function writeSnapshot(
  file: string,
  index: Bm25Index,
  tag: SnapshotTag,
): Promise<void> {
  const state = index.exportState();
  const lists = state.postings;
  const n = lists.counts.length;
  const run = lists.read(0, lists.starts[n]!);
  const all: Record<ArrayName, ArrayBufferView & { length: number }> = {
    ...state,
    termBytes: state.terms.bytes,
    termStarts: state.terms.starts,
    termIds: state.terms.ids,
    listStarts: lists.starts,
    listCounts: lists.counts,
    listLast: lists.lastSlot,
    listCrc: Uint32Array.from({ length: n }, (_, id) =>
      zlib.crc32(run.subarray(lists.starts[id]!, lists.starts[id + 1]!)),
    ),
    postings: run,
  };
  const arrays = {} as Header['arrays'];
  const parts: Buffer[] = [];
  let offset = 0;
  let headBytes = 0;
  for (const name of Object.keys(ARRAYS) as ArrayName[]) {
    if (name === 'postings') headBytes = offset;
    const a = all[name];
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    arrays[name] = { offset, length: a.length };
    parts.push(bytes);
    const pad = (8 - (bytes.length % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    offset += bytes.length + pad;
  }
  const body = Buffer.concat(parts, offset);
  const header: Header = {
    tag,
    fingerprint: indexFingerprint(),
    bytes: body.length,
    headBytes,
    crc: zlib.crc32(body.subarray(0, headBytes)),
    arrays,
    categories: state.categories,
    live: state.live,
    dead: state.dead,
    totalLen: state.totalLen,
    staleDf: state.staleDf,
    stopwordTitles: state.stopwordTitles,
    derived: state.derived,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headPad = (8 - ((PREAMBLE + json.length) % 8)) % 8;
  const preamble = Buffer.alloc(PREAMBLE);
  preamble.write(MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(VERSION, MAGIC.length);
  preamble.writeUInt32LE(json.length + headPad, MAGIC.length + 4);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staged = `${file}.${process.pid}.tmp`;
  try {
    await fs.promises.writeFile(staged, [preamble, json, Buffer.alloc(headPad, 0x20), body]);
    await fs.promises.rename(staged, file);
  } catch (error) {
    await fs.promises.rm(staged, { force: true });
    throw error;
  }
}

/**
 * The index and tag saved in `file`, or null when there is none; throws (saying why) when the
 * file is damaged, truncated, or made by a version that indexes papers differently. The index
 * reads postings from the open file as queries need them (`Bm25Index.release` closes it).
 */
export function readSnapshot(file: string): { index: Bm25Index; tag: SnapshotTag } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return readOpen(fd);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

function readOpen(fd: number): { index: Bm25Index; tag: SnapshotTag } {
  const size = fs.fstatSync(fd).size;
  const preamble = readAt(fd, Buffer.alloc(PREAMBLE), 0, size);
  if (preamble.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new Error('not a keyword index snapshot');
  if (preamble.readUInt32LE(MAGIC.length) !== VERSION)
    throw new Error('a keyword index snapshot of another format version');
  const headerLength = preamble.readUInt32LE(MAGIC.length + 4);
  const start = PREAMBLE + headerLength;
  if (start > size) throw new Error('the keyword index snapshot is truncated');
  const header = JSON.parse(
    readAt(fd, Buffer.alloc(headerLength), PREAMBLE, size).toString('utf8'),
  ) as Header;
  if (header.fingerprint !== indexFingerprint())
    throw new Error('the keyword index snapshot was made by a version that indexes differently');
  if (size - start !== header.bytes || !(header.headBytes >= 0 && header.headBytes <= size))
    throw new Error('the keyword index snapshot is truncated');
  // A buffer of its own, so the typed arrays over it are aligned.
  const head = readAt(fd, Buffer.allocUnsafeSlow(header.headBytes), start, size);
  if (zlib.crc32(head) !== header.crc) throw new Error('the keyword index snapshot is corrupt');
  const placed = (name: ArrayName, from: number, to: number) => {
    const { offset, length } = header.arrays?.[name] ?? { offset: -1, length: -1 };
    const end = offset + length * ARRAYS[name].BYTES_PER_ELEMENT;
    if (!(offset >= from && offset % 8 === 0 && length >= 0 && end <= to))
      throw new Error('the keyword index snapshot is inconsistent');
    return { offset, length };
  };
  const arrays = {} as Record<ArrayName, unknown>;
  for (const name of Object.keys(ARRAYS) as ArrayName[]) {
    if (name === 'postings') continue;
    const { offset, length } = placed(name, 0, header.headBytes);
    arrays[name] = new ARRAYS[name](head.buffer as ArrayBuffer, offset, length);
  }
  const run = placed('postings', header.headBytes, header.bytes);
  const { termBytes, termStarts, termIds, listStarts, listCounts, listLast, listCrc, ...rest } =
    arrays as Pick<Bm25State, StateArray> & {
      termBytes: Uint8Array;
      termStarts: Int32Array;
      termIds: Int32Array;
      listStarts: Int32Array;
      listCounts: Int32Array;
      listLast: Int32Array;
      listCrc: Uint32Array;
    };
  if (listStarts.at(-1) !== run.length)
    throw new Error('the keyword index snapshot is inconsistent');
  const postings: ListsSource = {
    starts: listStarts,
    counts: listCounts,
    lastSlot: listLast,
    checksums: listCrc,
    read(a, b) {
      const out = Buffer.alloc(Math.max(0, b - a));
      if (a < 0 || b > run.length) throw new Error('the keyword index snapshot is inconsistent');
      return readAt(fd, out, start + run.offset + a, size);
    },
    close: () => fs.closeSync(fd),
  };
  const state: Bm25State = {
    ...rest,
    terms: new SortedTerms(termBytes, termStarts, termIds),
    postings,
    categories: header.categories,
    live: header.live,
    dead: header.dead,
    totalLen: header.totalLen,
    staleDf: header.staleDf,
    stopwordTitles: header.stopwordTitles,
    derived: header.derived,
  };
  return { index: Bm25Index.fromState(state), tag: header.tag };
}

/** Fills `buffer` from the file at `position`; throws when the file ends first. */
function readAt(fd: number, buffer: Buffer, position: number, size: number): Buffer {
  if (position + buffer.length > size) throw new Error('the keyword index snapshot is truncated');
  let done = 0;
  while (done < buffer.length) {
    const n = fs.readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) throw new Error('the keyword index snapshot is truncated');
    done += n;
  }
  return buffer;
}
