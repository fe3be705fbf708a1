import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import {
  pidsOf,
  saveModel,
  saveVectors,
  toVector,
  vectorExtent,
} from '../../src/search/semantic/embedding.repository.ts';
import {
  indexFileFor,
  installIndexFile,
  stagedIndexFile,
  verifiedHighWater,
} from '../../src/search/semantic/index-file.ts';
import { ModelIndex } from '../../src/search/semantic/vector-store-index.ts';
import { HnswIndex } from '../../src/search/vector/vector-index.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { generatedPapers } from './generated-papers.ts';

const DIMS = 16;
const MODEL = 'builtin:test-vectors';
const NOW = '2026-11-27T00:00:00.000Z';

/** Unit vectors that point in clearly different directions, one per paper. */
function vectorsFor(count: number, seed: number): Float32Array {
  const out = new Float32Array(count * DIMS);
  let state = seed;
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let j = 0; j < DIMS; j++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const x = state / 2147483648 - 0.5;
      out[i * DIMS + j] = x;
      norm += x * x;
    }
    for (let j = 0; j < DIMS; j++) out[i * DIMS + j]! /= Math.sqrt(norm);
  }
  return out;
}

describe.each(dialects)('the saved vector index of a model (%s)', (dialect) => {
  let t: TestDb;
  let dataDir: string;
  afterEach(async () => {
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** 120 papers, each with a stored vector of the test model; returns pids and vectors in order. */
  async function storeWithVectors() {
    t = await openTestDb(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-index-'));
    const papers = generatedPapers(120);
    await upsertRecords(t.db, systemClock, papers, { source: 'test' });
    const byId = await pidsOf(
      t.db,
      papers.map((p) => p.id),
    );
    const pids = papers.map((p) => byId.get(p.id)!);
    await saveModel(
      t.db,
      { id: MODEL, kind: 'builtin', dims: DIMS, params: {}, data: null, status: 'active' },
      NOW,
    );
    const vectors = vectorsFor(pids.length, 7);
    await saveVectors(t.db, MODEL, pids, vectors, DIMS, NOW);
    return { pids, vectors };
  }

  const vectorOf = (vectors: Float32Array, i: number) => vectors.subarray(i * DIMS, (i + 1) * DIMS);

  const open = () => ModelIndex.open(t.db, MODEL, DIMS, dataDir, silentLogger);

  /** Saves an HNSW file of the stored vectors `keep` selects, recorded as holding `highWater`. */
  async function savedIndexFile(
    stored: { pids: number[]; vectors: Float32Array },
    keep: (i: number) => boolean,
    highWater: number,
  ): Promise<string> {
    const file = indexFileFor(dataDir, MODEL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const saved = new HnswIndex(DIMS);
    stored.pids.forEach((pid, i) => {
      if (keep(i)) saved.add([pid], vectorOf(stored.vectors, i).slice());
    });
    saved.save(stagedIndexFile(file));
    await installIndexFile(stagedIndexFile(file), file, highWater);
    return file;
  }

  it('is built from the stored vectors when no file exists; an exact index is not saved', async () => {
    const { pids, vectors } = await storeWithVectors();
    const index = await open();
    expect(index.index.size()).toBe(120);
    expect(index.index.search(vectorOf(vectors, 42), 1)[0]!.key).toBe(pids[42]);
    // Below the threshold the exact index is rebuilt from the store each time: no file.
    await index.save();
    expect(fs.existsSync(indexFileFor(dataDir, MODEL))).toBe(false);
  });

  it('is rebuilt from the stored vectors when the file is damaged or has no record', async () => {
    const stored = await storeWithVectors();
    const { pids, vectors } = stored;
    const file = await savedIndexFile(stored, () => true, 10_000);
    expect((await open()).index.kind).toBe('hnsw');
    // Damaged after it was recorded, keeping its length (a disk error): the digest differs.
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    await expect(verifiedHighWater(file)).rejects.toThrow(/corrupt/);
    let index = await open();
    expect(index.index.kind).toBe('exact');
    expect(index.index.size()).toBe(120);
    expect(index.index.search(vectorOf(vectors, 99), 1)[0]!.key).toBe(pids[99]);
    // Bytes that are no index at all, without a record: never handed to the index library.
    fs.writeFileSync(file, 'not an index');
    fs.rmSync(`${file}.json`);
    index = await open();
    expect(index.index.kind).toBe('exact');
    expect(index.index.size()).toBe(120);
  });

  it('is hashed again by a serving process but not by a one-off reader while unchanged', async () => {
    const stored = await storeWithVectors();
    const file = await savedIndexFile(stored, () => true, 10_000);
    // A record whose digest no longer matches, for a file still the one recorded: only the
    // full check (a serving process's) reads the bytes and finds the difference.
    const record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { sha256: string };
    fs.writeFileSync(`${file}.json`, JSON.stringify({ ...record, sha256: '0'.repeat(64) }));
    await expect(verifiedHighWater(file)).rejects.toThrow(/corrupt/);
    await expect(verifiedHighWater(file, { trustUnchanged: true })).resolves.toBe(10_000);
    // Rewritten in place (same length and bytes, so a new change time): hashed again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    fs.writeFileSync(file, fs.readFileSync(file));
    await expect(verifiedHighWater(file, { trustUnchanged: true })).rejects.toThrow(/corrupt/);
    const viewed = await ModelIndex.open(t.db, MODEL, DIMS, dataDir, silentLogger, { view: true });
    expect(viewed.index.kind).toBe('exact');
    expect(viewed.index.size()).toBe(120);
  });

  it('loads a saved HNSW file and adds what was stored after its high-water mark', async () => {
    const stored = await storeWithVectors();
    const { pids, vectors } = stored;
    // The file claims the first 100 vectors stored; the last 20 came later.
    const firstHundred = await t.db.kysely
      .selectFrom('embeddings')
      .select('seq')
      .where('pid', '=', pids[99]!)
      .executeTakeFirstOrThrow();
    const file = await savedIndexFile(stored, (i) => i < 100, Number(firstHundred.seq));
    const index = await open();
    expect(index.index.kind).toBe('hnsw');
    expect(index.index.size()).toBe(120);
    expect(index.index.search(vectorOf(vectors, 110), 1)[0]!.key).toBe(pids[110]);
    // Saved with the 20 added; opened again, nothing is new and the file is not rewritten.
    await index.save();
    const written = fs.statSync(file).mtimeMs;
    const again = await open();
    expect(again.index.size()).toBe(120);
    await again.save();
    expect(fs.statSync(file).mtimeMs).toBe(written);
  });

  it('maps a current file for a one-off process, and reads it in once vectors must be added', async () => {
    const stored = await storeWithVectors();
    const { pids, vectors } = stored;
    const { maxSeq } = await vectorExtent(t.db, MODEL);
    await savedIndexFile(stored, () => true, maxSeq);
    const view = () => ModelIndex.open(t.db, MODEL, DIMS, dataDir, silentLogger, { view: true });
    const mapped = await view();
    const loaded = await open();
    expect((mapped.index as HnswIndex).viewed).toBe(true);
    expect((loaded.index as HnswIndex).viewed).toBe(false);
    for (const i of [0, 42, 119])
      expect(mapped.index.search(vectorOf(vectors, i), 10)).toEqual(
        loaded.index.search(vectorOf(vectors, i), 10),
      );
    // A vector stored since the file was saved: the mapped index becomes a loaded one.
    const newer = vectorsFor(1, 99);
    await saveVectors(t.db, MODEL, [pids[3]!], newer, DIMS, NOW);
    expect(await mapped.catchUp()).toBe(1);
    expect((mapped.index as HnswIndex).viewed).toBe(false);
    expect(mapped.index.size()).toBe(120);
    expect(mapped.index.search(newer, 1)[0]!.key).toBe(pids[3]);
  });

  it('adds the stored vectors a file misses below its high-water mark', async () => {
    const stored = await storeWithVectors();
    const { pids, vectors } = stored;
    // Built without every fifth vector, yet recorded as holding everything stored.
    const { maxSeq } = await vectorExtent(t.db, MODEL);
    const file = await savedIndexFile(stored, (i) => i % 5 !== 0, maxSeq);
    // A one-off reader searches the file as it is and leaves the mending to a serving process.
    const viewed = await ModelIndex.open(t.db, MODEL, DIMS, dataDir, silentLogger, { view: true });
    expect(viewed.index.size()).toBe(96);
    const index = await open();
    expect(index.index.size()).toBe(120);
    for (const i of [0, 5, 60, 115])
      expect(index.index.search(vectorOf(vectors, i), 1)[0]!.key).toBe(pids[i]);
    // The mended index was saved: the file verifies and holds all 120.
    expect(await verifiedHighWater(file)).toBe(maxSeq);
    expect(HnswIndex.load(file, DIMS).size()).toBe(120);
  });

  /** A transaction that writes vectors and stays open until `commit()`: a slower writer. */
  function openWriter(pids: number[], vectors: Float32Array) {
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const done = t.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('embeddings')
        .values(
          pids.map((pid, i) => ({
            pid,
            model_id: MODEL,
            vector: Buffer.from(vectorOf(vectors, i).slice().buffer),
            created_at: NOW,
          })),
        )
        .execute();
      wrote();
      await gate;
    });
    return { written, commit: () => (commit(), done) };
  }

  it.runIf(dialect === 'postgres')(
    'keeps both of two writers embedding the same papers at once, the later one winning',
    async () => {
      const { pids } = await storeWithVectors();
      await t.db.kysely.deleteFrom('embeddings').where('pid', 'in', pids.slice(0, 10)).execute();
      const first = vectorsFor(10, 21);
      const second = vectorsFor(10, 22);
      const slow = openWriter(pids.slice(0, 10), first);
      await slow.written;
      // Waits on the open transaction's rows, then overwrites them instead of failing.
      const later = saveVectors(t.db, MODEL, pids.slice(0, 10), second, DIMS, NOW);
      await slow.commit();
      await later;
      const rows = await t.db.kysely
        .selectFrom('embeddings')
        .select(['pid', 'vector'])
        .where('pid', 'in', pids.slice(0, 10))
        .orderBy('pid')
        .execute();
      expect(rows.map((r) => r.pid)).toEqual(pids.slice(0, 10));
      expect(rows.map((r) => Array.from(toVector(r.vector)))).toEqual(
        pids.slice(0, 10).map((_, i) => Array.from(vectorOf(second, i))),
      );
    },
  );

  it.runIf(dialect === 'postgres')(
    'catches up with vectors committed after later-numbered ones were read',
    async () => {
      const { pids, vectors } = await storeWithVectors();
      const late = pids.slice(0, 5);
      await t.db.kysely.deleteFrom('embeddings').where('pid', 'in', late).execute();
      const index = await open();
      expect(index.index.size()).toBe(115);
      // The slow writer takes its seqs first; a quick one takes higher seqs and commits first.
      const slow = openWriter(late, vectors);
      await slow.written;
      const quick = vectorsFor(5, 23);
      await t.db.kysely.deleteFrom('embeddings').where('pid', 'in', pids.slice(5, 10)).execute();
      await saveVectors(t.db, MODEL, pids.slice(5, 10), quick, DIMS, NOW);
      await index.catchUp();
      expect(late.some((pid) => index.index.has(pid))).toBe(false);
      const { maxSeq } = await vectorExtent(t.db, MODEL);
      expect(index.highWater).toBe(maxSeq);
      // Now below the high-water mark: found by looking back, not lost until a restart.
      await slow.commit();
      expect(await index.catchUp()).toBe(5);
      expect(index.index.size()).toBe(120);
      expect(index.index.search(vectorOf(vectors, 3), 1)[0]!.key).toBe(late[3]);
    },
  );
});
