import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { findUserByEmail } from '../../src/community/user.repository.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';

describe.each(dialects)('folio user create on %s', (dialect) => {
  let store: TestDb;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    store = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-'));
    Object.assign(process.env, {
      FOLIO_DATA_DIR: dir,
      FOLIO_DATABASE_URL: store.url,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await store.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates an admin, promotes an existing member, and refuses bad addresses with exit 2', async () => {
    expect(await runCli(['user', 'create', 'ann@example.org'])).toBe(0);
    expect((await findUserByEmail(store.db.kysely, 'ann@example.org'))?.role).toBe('member');
    expect(await runCli(['user', 'create', '--admin', 'Ann@Example.org'])).toBe(0);
    const ann = await findUserByEmail(store.db.kysely, 'ann@example.org');
    expect(ann).toMatchObject({ role: 'admin', name: 'ann' });
    expect(await runCli(['user', 'create', 'not-an-address'])).toBe(2);
    expect(await runCli(['user', 'create', '--admin', '--curator', 'b@example.org'])).toBe(2);
  });

  it('exports and deletes a member by name, and refuses an unconfirmed or unknown one', async () => {
    expect(await runCli(['user', 'create', 'dora@example.org'])).toBe(0);
    expect(await runCli(['user', 'export', 'dora'])).toBe(0);
    expect(await runCli(['user', 'export', 'nobody'])).toBe(2);
    expect(await runCli(['user', 'delete', 'dora', '--confirm', 'dor'])).toBe(2);
    expect(await findUserByEmail(store.db.kysely, 'dora@example.org')).not.toBeNull();
    expect(await runCli(['user', 'delete', 'dora', '--confirm', 'dora'])).toBe(0);
    expect(await findUserByEmail(store.db.kysely, 'dora@example.org')).toBeNull();
  });
});
