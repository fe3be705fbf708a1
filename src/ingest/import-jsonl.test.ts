import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import type { Paper } from '../domain/paper.ts';
import { silentLogger } from '../logger.ts';
import { createPapersService, upsertRecords } from '../papers/paper.service.ts';
import { countPapers, findPaper } from '../papers/paper.repository.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { hasSharedData, sharedFile } from '../../test/support/shared-data.ts';
import { ImportReadError, importJsonl, importUnfinished } from './import-jsonl.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'import');
const fixture = (name: string) => path.join(FIXTURES, name);
const clock = fixedClock('2026-07-01T12:00:00Z');

describe.each(dialects)('JSONL import on %s', (dialect) => {
  let t: TestDb;
  let stored: Paper[];
  const deps = () => {
    const papers = createPapersService({ db: t.db, clock, logger: silentLogger });
    papers.onStored((written) => void stored.push(...written));
    return { db: t.db, clock, logger: silentLogger, papers };
  };
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  beforeEach(() => {
    stored = [];
  });
  afterAll(() => t.cleanup());

  it('skips a broken line and a wrong-typed field, naming the source, line and reason', async () => {
    const result = await importJsonl(deps(), fixture('broken-line.jsonl'));
    expect(result).toMatchObject({ read: 4, inserted: 4, updated: 0 });
    expect(result.failed).toHaveLength(2);
    expect(result.failed[0]).toMatchObject({
      source: 'import broken-line.jsonl',
      record: 'line 3',
      reason: expect.stringMatching(/^not JSON \(.+\)$/),
    });
    expect(result.failed[1]).toEqual({
      source: 'import broken-line.jsonl',
      record: 'line 6',
      reason: 'title: expected text, got object',
    });
    // The byte-order mark did not cost the first line, and CRLF left no stray characters.
    const first = await findPaper(t.db.kysely, '2503.11677');
    expect(first?.title).toBe(
      'Simulation of prosthetic vision with PRIMA system and enhancement of face representation',
    );
    expect(first?.abstract).not.toMatch(/[\r\n]/);
    expect(stored.map((p) => p.id).sort()).toEqual([
      '2503.11677',
      '2503.12174',
      '2503.12552',
      '2503.13272',
    ]);
  });

  it('keeps records with invalid UTF-8, with U+FFFD in place of the bad bytes', async () => {
    const result = await importJsonl(deps(), fixture('invalid-utf8.jsonl'));
    expect(result).toMatchObject({ read: 3, inserted: 3, failed: [] });
    expect((await findPaper(t.db.kysely, '2503.14182'))?.title).toMatch(/^Caf\ufffd+ title$/);
  });

  it('refuses an empty title without touching the paper already stored', async () => {
    await upsertRecords(
      t.db,
      clock,
      [
        {
          id: '2503.15283',
          title: 'Stored title',
          abstract: 'Stored abstract.',
          authors: ['Someone'],
          categories: ['cs.CV'],
          doi: '10.1/stored',
        },
      ],
      { source: 'test' },
    );
    const result = await importJsonl(deps(), fixture('empty-title.jsonl'));
    expect(result.inserted).toBe(2);
    expect(result.failed).toEqual([
      {
        source: 'import empty-title.jsonl',
        record: 'line 2 (2503.15283)',
        reason: '2503.15283: empty title',
      },
    ]);
    expect(await findPaper(t.db.kysely, '2503.15283')).toMatchObject({
      title: 'Stored title',
      doi: '10.1/stored',
    });
  });

  it('cuts a 1 MB abstract to the limit and goes on', async () => {
    const result = await importJsonl(deps(), fixture('long-abstract.jsonl.gz'));
    expect(result).toMatchObject({ read: 2, inserted: 2, failed: [] });
    expect((await findPaper(t.db.kysely, '2503.16013'))?.abstract).toHaveLength(20_000);
  });

  it('skips lines that are JSON but not objects', async () => {
    const result = await importJsonl(deps(), fixture('non-object.jsonl'));
    expect(result.inserted).toBe(2);
    expect(result.failed.map((f) => [f.record, f.reason])).toEqual([
      ['line 2', 'not a JSON object'],
      ['line 3', 'not a JSON object'],
      ['line 4', 'not a JSON object'],
      ['line 5', 'not a JSON object'],
    ]);
  });

  it('ends a truncated .gz with a clear error, keeping the records before it', async () => {
    const before = await countPapers(t.db.kysely);
    const error: unknown = await importJsonl(deps(), fixture('truncated.jsonl.gz')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportReadError);
    const { message, result } = error as ImportReadError;
    expect(message).toMatch(
      /^truncated\.jsonl\.gz: the compressed data ends early \(is the file truncated\?\), after line \d+; the \d+ papers before it were imported$/,
    );
    expect(result.inserted).toBeGreaterThan(10);
    expect(result.inserted).toBeLessThan(60);
    expect(await countPapers(t.db.kysely)).toBe(before + result.inserted);
    expect(await importUnfinished(t.db, fixture('truncated.jsonl.gz'))).toBe(true);
    // Again: nothing new, the same error, no duplicate.
    await expect(importJsonl(deps(), fixture('truncated.jsonl.gz'))).rejects.toThrow(
      ImportReadError,
    );
    expect(await countPapers(t.db.kysely)).toBe(before + result.inserted);
  });

  describe.skipIf(!hasSharedData)('with the shared arXiv data', () => {
    it('imports the 1,000-paper daily-listing sample, and again changes nothing', async () => {
      const file = sharedFile('arxiv-daily-cs', 'sample-1000.jsonl');
      const before = await countPapers(t.db.kysely);
      const first = await importJsonl(deps(), file);
      expect(first.read).toBe(1000);
      expect(first.failed).toEqual([]);
      expect(await countPapers(t.db.kysely)).toBe(before + first.inserted);
      const paper = await findPaper(t.db.kysely, '2503.11677');
      expect(paper).toMatchObject({ listingDate: '2025-03-18', version: 1 });
      expect(paper?.abstract).not.toContain('\n');
      const again = await importJsonl(deps(), file);
      expect(again).toMatchObject({ read: 1000, inserted: 0, updated: 0, unchanged: 1000 });
    });

    it('imports the Kaggle snapshot schema: versions, authors_parsed, journal-ref, DOI, licence', async () => {
      const file = sharedFile(
        'arxiv-kaggle-snapshot-sample',
        'arxiv-metadata-oai-snapshot.head200.jsonl',
      );
      const result = await importJsonl(deps(), file);
      expect(result).toMatchObject({ read: 200, inserted: 200, failed: [] });
      expect(await findPaper(t.db.kysely, '0704.0001')).toMatchObject({
        version: 2,
        title:
          'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
        categories: ['hep-ph'],
        comment: '37 pages, 15 figures; published version',
        journalRef: 'Phys.Rev.D76:013009,2007',
        doi: '10.1103/PhysRevD.76.013009',
        license: null,
        publishedAt: '2007-04-02T19:18:42.000Z',
        updatedAt: '2007-07-24T20:10:27.000Z',
        versions: [
          { version: 1, date: '2007-04-02T19:18:42.000Z' },
          { version: 2, date: '2007-07-24T20:10:27.000Z' },
        ],
      });
      const second = await findPaper(t.db.kysely, '0704.0002');
      expect(second).toMatchObject({
        categories: ['math.CO', 'cs.CG'],
        license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
      });
      expect(second?.abstract).toMatch(/^We describe a new algorithm, the \$\(k,\\ell\)\$-pebble/);
      // Read back from the store, every paper compares equal to what the file says.
      expect(await importJsonl(deps(), file)).toMatchObject({
        inserted: 0,
        updated: 0,
        unchanged: 200,
      });
    });
  });
});

describe('JSONL import of a finished file', () => {
  let dir: string;
  let t: TestDb;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-import-'));
    t = await openTestDb('sqlite');
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a finished file again from the start, and an unfinished one from its cursor', async () => {
    const file = path.join(dir, 'papers.jsonl');
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({
        id: `2501.${String(i + 1).padStart(5, '0')}`,
        title: `Paper ${i + 1}`,
        summary: 'Abstract.',
        authors: ['A'],
        categories: ['cs.LG'],
        listing_date: '2025-01-06',
      }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const deps = {
      db: t.db,
      clock,
      logger: silentLogger,
      papers: createPapersService({ db: t.db, clock, logger: silentLogger }),
    };
    const done = await importJsonl(deps, file);
    expect(done).toMatchObject({ read: 2500, inserted: 2500, resumedFromLine: 0 });
    expect(await importUnfinished(t.db, file)).toBe(false);
    const again = await importJsonl(deps, file);
    expect(again).toMatchObject({ read: 2500, inserted: 0, unchanged: 2500, resumedFromLine: 0 });
  });
});
