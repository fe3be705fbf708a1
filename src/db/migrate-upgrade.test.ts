import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { fixedClock } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { openRuntime, type Runtime } from '../services.ts';
import { createApp } from '../web/app.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { migrateTo, migrateToLatest, migrationNames } from './migrate.ts';

/** The migrations the last release shipped, in order (kept in `released-migrations.txt`). */
function releasedMigrations(): string[] {
  const file = path.join(import.meta.dirname, 'released-migrations.txt');
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** The schema a store made by the previous release has, and the migrations written since. */
function previousSchema(): { last: string; pending: string[] } {
  const released = releasedMigrations();
  return { last: released.at(-1)!, pending: migrationNames().slice(released.length) };
}

describe('migration names', () => {
  it('keep every released migration first and in order, so released stores can upgrade', () => {
    // A migration named to sort before a released one would make the migrator refuse every
    // store that already ran the released ones ("corrupted migrations").
    const released = releasedMigrations();
    expect(migrationNames().slice(0, released.length)).toEqual(released);
  });
});

describe.each(dialects)('upgrading a store filled under the previous schema on %s', (dialect) => {
  let t: TestDb;
  let runtime: Runtime;
  let dataDir: string;
  const { last, pending } = previousSchema();

  beforeAll(async () => {
    t = await openTestDb(dialect, { migrate: false });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-upgrade-'));
    await migrateTo(t.db, last);
    // Rows as the previous release wrote them, in its own columns (raw SQL: today's
    // repositories speak the new schema).
    const at = '2025-11-20T09:00:00.000Z';
    const db = t.db.kysely;
    await sql`insert into papers (id, version, title, abstract, authors, categories, primary_category,
        listing_date, published_at, code_repo, versions, created_at, modified_at)
      values ('2511.00001', 2, 'Kept across upgrades', 'An abstract that must survive.',
        '["Ada Lovelace","Alan Turing"]', '["cs.LG","cs.AI"]', 'cs.LG', '2025-11-20',
        '2025-11-19T17:00:00Z', 'github:example/kept', '[]', ${at}, ${at})`.execute(db);
    await sql`insert into daily_entries (day, paper_id, source, source_upvotes, featured, created_at)
      values ('2025-11-20', '2511.00001', 'hf', 12, 1, ${at})`.execute(db);
    await sql`insert into users (email, name, role, created_at)
      values ('ada@example.org', 'ada', 'curator', ${at})`.execute(db);
    const user = await sql<{ id: number }>`select id from users where email = 'ada@example.org'`
      .execute(db)
      .then((r) => Number(r.rows[0]!.id));
    await sql`insert into votes (user_id, paper_id, created_at) values (${user}, '2511.00001', ${at})`.execute(
      db,
    );
    await sql`insert into comments (paper_id, user_id, body, created_at)
      values ('2511.00001', ${user}, 'A comment from before the upgrade.', ${at})`.execute(db);
  });
  afterAll(async () => {
    await runtime?.close();
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the newer migrations and keeps every row readable by today’s code', async () => {
    expect(pending.length).toBeGreaterThan(0);
    expect(await migrateToLatest(t.db)).toEqual(pending);
    expect(await migrateToLatest(t.db)).toEqual([]);

    const paper = await findPaper(t.db.kysely, '2511.00001');
    expect(paper).toMatchObject({
      id: '2511.00001',
      version: 2,
      title: 'Kept across upgrades',
      abstract: 'An abstract that must survive.',
      authors: ['Ada Lovelace', 'Alan Turing'],
      categories: ['cs.LG', 'cs.AI'],
      listingDate: '2025-11-20',
      codeRepo: 'github:example/kept',
    });

    // The site over the upgraded store shows the paper, its list entry, vote and comment.
    const config = loadConfig({
      FOLIO_DATA_DIR: dataDir,
      FOLIO_DATABASE_URL: t.url,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_BASE_URL: 'http://localhost:3000',
    });
    runtime = await openRuntime(config, {
      clock: fixedClock('2025-11-21T12:00:00Z'),
      logger: silentLogger,
    });
    const app = createApp(runtime);
    const page = await app.request('/papers/2511.00001');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Kept across upgrades');
    expect(html).toContain('A comment from before the upgrade.');
    const day = await app.request('/papers/date/2025-11-20');
    expect(day.status).toBe(200);
    expect(await day.text()).toContain('href="/papers/2511.00001"');
    const api = await app.request('/api/v1/lists/day?at=2025-11-20');
    const list = (await api.json()) as {
      total: number;
      items: { paper: { id: string }; upvotes: number; numComments: number; featured: boolean }[];
    };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      paper: { id: '2511.00001' },
      numComments: 1,
      featured: true,
    });
  });
});
