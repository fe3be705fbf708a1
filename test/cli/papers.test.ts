import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { runFolio } from './run-folio.ts';

const paper = (id: string, listingDate: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Paper ${id}`,
  abstract: `Abstract of ${id}.`,
  authors: ['A. One', 'B. Two'],
  categories: ['cs.LG'],
  listingDate,
  ...extra,
});

describe.each(dialects)('folio papers on %s', (dialect) => {
  let t: TestDb;
  let dir: string;
  let env: Record<string, string>;
  const folio = (...args: string[]) => runFolio(args, env);

  beforeAll(async () => {
    t = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-papers-'));
    env = { FOLIO_DATABASE_URL: t.url, FOLIO_DATA_DIR: dir };
    const clock = fixedClock('2026-03-20T12:00:00Z');
    await upsertRecords(
      t.db,
      clock,
      [
        paper('2603.00001', '2026-03-16'),
        paper('2603.00002', '2026-03-17', {
          version: 2,
          abstract: 'Code: https://github.com/wgcban/mix-bt.git',
          doi: '10.1000/x',
        }),
        paper('2603.00003', '2026-03-17'),
        paper('2603.00004', '2026-03-23'),
        paper('2602.00005', '2026-02-27'),
      ],
      {
        source: 'test',
        entries: [{ day: '2026-03-17', paperId: '2603.00003', source: 'hf', sourceUpvotes: 7 }],
      },
    );
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the latest listing day by default', async () => {
    const result = await folio('papers', 'ls');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      '2026-03-23: 1 paper\n0▲  2603.00004  2026-03-23  Paper 2603.00004\n',
    );
  });

  it('lists a day in list order, upvotes first', async () => {
    const result = await folio('papers', 'ls', '--date', '2026-03-17');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '2026-03-17: 2 papers',
      '7▲  2603.00003  2026-03-17  Paper 2603.00003',
      '0▲  2603.00002  2026-03-17  Paper 2603.00002',
    ]);
  });

  it('lists an ISO week and a month as JSON, within the limit', async () => {
    const week = await folio('papers', 'ls', '--week', '2026-W12', '--json');
    expect(week.code).toBe(0);
    const weekJson = JSON.parse(week.stdout) as {
      period: unknown;
      total: number;
      papers: { id: string }[];
    };
    expect(weekJson.period).toEqual({
      kind: 'week',
      label: '2026-W12',
      from: '2026-03-16',
      to: '2026-03-22',
    });
    expect(weekJson.papers.map((p) => p.id)).toEqual(['2603.00003', '2603.00001', '2603.00002']);
    expect(weekJson.papers[0]).toMatchObject({
      upvotes: 7,
      day: '2026-03-17',
      title: 'Paper 2603.00003',
    });

    const month = await folio('papers', 'ls', '--month', '2026-03', '--limit', '2', '--json');
    const monthJson = JSON.parse(month.stdout) as { total: number; papers: unknown[] };
    expect(monthJson.total).toBe(4);
    expect(monthJson.papers).toHaveLength(2);

    const empty = await folio('papers', 'ls', '--date', '2025-01-01');
    expect(empty).toMatchObject({ code: 0, stdout: '2025-01-01: 0 papers\n' });
  });

  it('shows one paper from any form of its id', async () => {
    for (const id of [
      '2603.00002',
      'arXiv:2603.00002v1',
      'https://arxiv.org/pdf/2603.00002v2.pdf',
    ]) {
      const result = await folio('papers', 'show', id);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'Paper 2603.00002\nA. One, B. Two\narXiv:2603.00002v2 [cs.LG]',
      );
      expect(result.stdout).toContain('code: github:wgcban/mix-bt\n');
      expect(result.stdout).toContain('doi: 10.1000/x\n');
    }
    const json = await folio('papers', 'show', 'https://arxiv.org/abs/2603.00002', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: '2603.00002',
      version: 2,
      doi: '10.1000/x',
    });
  });

  it('exits 1 for a paper that is not in the store', async () => {
    const result = await folio('papers', 'show', '2603.09999');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe('folio: paper 2603.09999 is not in the store\n');
  });
});

// Usage is checked before the store is opened, so these need no particular store.
describe('folio usage errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-usage-'));
  const folio = (...args: string[]) => runFolio(args, { FOLIO_DATA_DIR: dir });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['papers', 'show', 'not-an-id'], 'folio: not an arXiv id: "not-an-id"'],
    [
      ['papers', 'ls', '--date', '2026-02-30'],
      'folio: invalid date "2026-02-30": expected YYYY-MM-DD',
    ],
    [['papers', 'ls', '--week', '2027-W53'], 'folio: invalid week "2027-W53": expected YYYY-Www'],
    [['papers', 'ls', '--month', '2026-13'], 'folio: invalid month "2026-13": expected YYYY-MM'],
    [['papers', 'ls', '--limit', '0'], 'folio: --limit: expected a whole number from 1 to 10000'],
    [['papers', 'ls', '--limit', 'ten'], 'folio: --limit: expected a whole number from 1 to 10000'],
    [['papers', 'ls', '--date', '2026-03-17', '--week', '2026-W12'], 'folio: give at most one of'],
    [['papers', 'ls', '--bogus'], "error: unknown option '--bogus'"],
    [['papers', 'show'], "error: missing required argument 'id'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['import', path.join(os.tmpdir(), 'no-such-file.jsonl')], 'folio: no such file:'],
  ])('exits 2 for bad usage: %j', async (args, message) => {
    const result = await folio(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(message);
  });

  it('exits 0 with help', async () => {
    const result = await folio('papers', 'ls', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: folio papers ls [options]');
  });
});
