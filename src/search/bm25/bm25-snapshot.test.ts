import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stem } from '../text/stem.ts';
import { docFromRow, type IndexRow } from './bm25-doc.ts';
import { Bm25Index, type IndexFilters, type IndexQuery } from './bm25-index.ts';
import { readSnapshot, writeSnapshot, type SnapshotTag } from './bm25-snapshot.ts';

const WORDS = (
  'model merging language diffusion images graph molecules molecular biology biological ' +
  'speech transformer reward protein structure sequence network learning attention sparse'
).split(' ');

/** A paper of a few of WORDS chosen by its number, so the postings are uneven but fixed. */
function row(i: number, extra: Partial<IndexRow> = {}): IndexRow {
  const pick = (n: number, salt: number) =>
    Array.from({ length: n }, (_, j) => WORDS[(i * 7 + j * salt) % WORDS.length]).join(' ');
  return {
    pid: i + 1,
    title: i === 5 ? 'The Who' : pick(3, 5),
    abstract: `${pick(12, 3)} naïve façade ${i}`,
    authors: JSON.stringify([`Author ${i % 9}`]),
    categories: JSON.stringify(i % 2 === 0 ? ['cs.CL', 'cs.LG'] : ['cs.CV']),
    listing_date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
    published_at: null,
    code_repo: i % 3 === 0 ? 'github:x/y' : null,
    modified_at: '2026-07-01T12:00:00.000Z',
    ...extra,
  };
}

const none: IndexFilters = { categories: [], hasCode: false };
const QUERIES: Omit<IndexQuery, 'k' | 'order'>[] = [
  { terms: ['model', 'merging'].map(stem), excluded: [], filters: none },
  { terms: ['molecules'].map(stem), excluded: [], filters: none, variantWeight: 0.3 },
  { terms: ['graph', 'attention'].map(stem), excluded: ['sparse'].map(stem), filters: none },
  {
    terms: ['language'].map(stem),
    excluded: [],
    filters: { categories: ['cs.cl'], hasCode: true, from: 20260105 },
  },
  { terms: ['author'], excluded: [], filters: none, among: new Set([3, 4, 40]) },
  { terms: ['unknownword'], excluded: [], filters: none },
];

/** Every query's full answer, in both orders. */
function answers(index: Bm25Index) {
  return QUERIES.flatMap((q) =>
    (['relevance', 'date'] as const).map((order) => {
      const found = index.search({ ...q, order, k: 1000 });
      return { hits: found.hits, total: found.total, matched: [...found.matched].sort() };
    }),
  );
}

const TAG: SnapshotTag = { papers: 0, highWater: '2026-07-01T12:00:00.000Z', since: null };

describe('keyword index snapshot', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bm25-snapshot-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const fileName = () => path.join(dir, `index-${++n}.bm25`);

  /** An index of 300 papers, a tenth of them changed since (dead slots not yet compacted). */
  function liveIndex(): Bm25Index {
    const index = new Bm25Index();
    for (let i = 0; i < 300; i++) index.upsert(docFromRow(row(i)));
    for (let i = 0; i < 300; i += 10)
      index.upsert(docFromRow(row(i, { title: 'Sparse attention revisited', pid: i + 1 })));
    return index;
  }

  it('gives back an index that answers every query exactly as the one written', async () => {
    const live = liveIndex();
    const file = fileName();
    await writeSnapshot(file, live, { ...TAG, papers: live.size() });
    const loaded = readSnapshot(file)!;
    expect(loaded.tag).toEqual({ ...TAG, papers: 300 });
    expect(loaded.index.size()).toBe(300);
    expect(answers(loaded.index)).toEqual(answers(live));
    expect([...loaded.index.terms()].sort()).toEqual([...live.terms()].sort());
    expect(loaded.index.variants(['molecul'])).toEqual(live.variants(['molecul']));
    expect(loaded.index.titled(['the', 'who'], none)).toEqual(live.titled(['the', 'who'], none));
    expect(loaded.index.modifiedOf(11)).toBe(live.modifiedOf(11));
    // Kept up to date afterwards as the live one is: changed, new and new-worded papers.
    for (const index of [live, loaded.index]) {
      index.upsert(docFromRow(row(3, { title: 'Zeolite catalysis', pid: 4 })));
      for (let i = 300; i < 1400; i++) index.upsert(docFromRow(row(i)));
    }
    expect(answers(loaded.index)).toEqual(answers(live));
    expect(
      loaded.index.search({ ...QUERIES[0]!, terms: ['zeolit'], order: 'relevance', k: 5 }),
    ).toEqual(live.search({ ...QUERIES[0]!, terms: ['zeolit'], order: 'relevance', k: 5 }));
    // Written again from the loaded one, it is the same index still.
    const again = fileName();
    await writeSnapshot(again, loaded.index, TAG);
    loaded.index.release();
    const reloaded = readSnapshot(again)!;
    expect(answers(reloaded.index)).toEqual(answers(live));
    reloaded.index.release();
  });

  it('takes new papers and new words before any query reads it, and is written again', async () => {
    const live = new Bm25Index();
    for (let i = 0; i < 50; i++) live.upsert(docFromRow(row(i)));
    live.freeze();
    const file = fileName();
    await writeSnapshot(file, live, TAG);
    const loaded = readSnapshot(file)!;
    for (const index of [live, loaded.index])
      index.upsert(docFromRow(row(60, { title: 'Zeolite catalysis', abstract: 'Pores.' })));
    await writeSnapshot(file, loaded.index, TAG);
    loaded.index.release();
    const reloaded = readSnapshot(file)!;
    expect(reloaded.index.size()).toBe(51);
    expect(answers(reloaded.index)).toEqual(answers(live));
    const zeolite = { ...QUERIES[0]!, terms: ['zeolit'], order: 'relevance' as const, k: 5 };
    expect(reloaded.index.search(zeolite).hits.map((h) => h.pid)).toEqual([61]);
    reloaded.index.release();
  });

  it('is absent without a file, and refuses a damaged, truncated or foreign one', async () => {
    expect(readSnapshot(path.join(dir, 'none.bm25'))).toBeNull();
    const file = fileName();
    await writeSnapshot(file, liveIndex(), TAG);
    const bytes = fs.readFileSync(file);

    const truncated = fileName();
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    expect(() => readSnapshot(truncated)).toThrow('the keyword index snapshot is truncated');
    const headOnly = fileName();
    fs.writeFileSync(headOnly, bytes.subarray(0, 30));
    expect(() => readSnapshot(headOnly)).toThrow('the keyword index snapshot is truncated');

    const foreign = fileName();
    fs.writeFileSync(foreign, 'SQLite format 3\0 and more bytes than a preamble');
    expect(() => readSnapshot(foreign)).toThrow('not a keyword index snapshot');

    // A byte changed among the papers' arrays, which are read whole and checked at once.
    const headerLength = bytes.readUInt32LE(13);
    const damaged = Buffer.from(bytes);
    damaged[17 + headerLength + 40]! ^= 0xff;
    const corrupt = fileName();
    fs.writeFileSync(corrupt, damaged);
    expect(() => readSnapshot(corrupt)).toThrow('the keyword index snapshot is corrupt');
  });

  it('notices damaged postings when a query first reads them', async () => {
    // No changed papers: nothing compacts (which reads every term) before the query.
    const live = new Bm25Index();
    for (let i = 0; i < 300; i++) live.upsert(docFromRow(row(i)));
    const file = fileName();
    await writeSnapshot(file, live, TAG);
    const bytes = fs.readFileSync(file);
    // The first term's first frequency: the postings are not read when the file opens.
    const headerLength = bytes.readUInt32LE(13);
    const header = JSON.parse(bytes.toString('utf8', 17, 17 + headerLength)) as {
      arrays: { postings: { offset: number } };
    };
    bytes[17 + headerLength + header.arrays.postings.offset]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const loaded = readSnapshot(file)!;
    const failing = [...live.terms()].filter((term) => {
      try {
        loaded.index.search({ ...QUERIES[0]!, terms: [term], order: 'relevance', k: 10 });
        return false;
      } catch (error) {
        expect((error as Error).message).toBe('the postings of a term are damaged');
        return true;
      }
    });
    expect(failing).toEqual([[...live.terms()][0]]);
    loaded.index.release();
  });
});
