import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { runFolio, startFolio } from './run-folio.ts';

const PAPERS = 20_000;
// Lines past this repeat earlier papers as version 2, so the file holds fewer papers than lines.
const REPEATS = 500;

/** A 20,500-line daily-listing file: 20,000 papers, 500 of them again as a later version. */
async function writeLargeFile(file: string): Promise<string[]> {
  const ids: string[] = [];
  const out = fs.createWriteStream(file);
  const abstract = 'We study redundancy reduction in self-supervised learning. '.repeat(20);
  const line = (n: number, version: number) =>
    JSON.stringify({
      id: `2502.${String(n).padStart(5, '0')}${version > 1 ? `v${version}` : ''}`,
      title: `Paper ${n}${version > 1 ? ' (revised)' : ''}`,
      summary: abstract,
      authors: ['A. Author', 'B. Author'],
      categories: ['cs.LG', 'cs.AI'],
      listing_date: `2025-02-${String(3 + (n % 20)).padStart(2, '0')}`,
    });
  for (let n = 1; n <= PAPERS; n++) {
    ids.push(`2502.${String(n).padStart(5, '0')}`);
    out.write(`${line(n, 1)}\n`);
  }
  for (let n = 1; n <= REPEATS; n++) out.write(`${line(n * 7, 2)}\n`);
  await new Promise((resolve) => out.end(resolve));
  return ids;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
}

describe.each(dialects)('a killed `folio import` on %s', (dialect) => {
  let dir: string;
  let file: string;
  let ids: string[];
  let t: TestDb;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-kill-'));
    file = path.join(dir, 'papers.jsonl');
    ids = await writeLargeFile(file);
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('papers')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('resumes after SIGKILL and ends with every paper exactly once', async () => {
    const env = { FOLIO_DATABASE_URL: t.url, FOLIO_DATA_DIR: dir };
    const child = startFolio(['import', file], env);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill it once a few batches are committed, well before the end.
    await waitFor(async () => (await count()) >= 3000, 60_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = await count();
    expect(atKill).toBeGreaterThanOrEqual(3000);
    expect(atKill).toBeLessThan(PAPERS);

    const rerun = await runFolio(['import', file], env, 120_000);
    expect(rerun.stderr).not.toMatch(/error/i);
    expect(rerun.code).toBe(0);
    const resumed = /resumed after line (\d+)/.exec(rerun.stdout);
    expect(Number(resumed?.[1])).toBeGreaterThanOrEqual(atKill);

    const rows = await t.db.kysely
      .selectFrom('papers')
      .select(['id', 'version', 'title'])
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(PAPERS);
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(new Set(rows.map((r) => r.id)).size).toBe(PAPERS);
    // The later versions further down the file won, whichever run stored them.
    const revised = rows.filter((r) => r.version === 2);
    expect(revised).toHaveLength(REPEATS);
    expect(revised.every((r) => r.title.endsWith('(revised)'))).toBe(true);
  }, 240_000);
});
