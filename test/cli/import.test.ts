import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { runFolio } from './run-folio.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'import');

describe.each(dialects)('folio import on %s', (dialect) => {
  let dir: string;
  let store: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-import-'));
    store = await openTestDb(dialect);
    env = { FOLIO_DATA_DIR: dir, FOLIO_DATABASE_URL: store.url };
  });
  afterAll(async () => {
    await store.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the good lines and names each bad one with its file, line and reason', async () => {
    const file = path.join(FIXTURES, 'broken-line.jsonl');
    const result = await runFolio(['import', file], env);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `imported 4 records from ${file}: 4 new, 0 updated, 0 unchanged, 2 skipped`,
      expect.stringMatching(new RegExp(`^  skipped line 3 of ${file}: not JSON \\(.+\\)$`)),
      `  skipped line 6 of ${file}: title: expected text, got object`,
      '',
    ]);
  });

  it('prints the result as JSON', async () => {
    const file = path.join(FIXTURES, 'non-object.jsonl');
    const result = await runFolio(['import', file, '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      file,
      read: 2,
      inserted: 2,
      failed: [
        { source: 'import non-object.jsonl', record: 'line 2', reason: 'not a JSON object' },
        { record: 'line 3' },
        { record: 'line 4' },
        { record: 'line 5' },
      ],
    });
  });

  it('ends a truncated .gz with exit code 1 and one clear line, after storing what it could', async () => {
    const file = path.join(FIXTURES, 'truncated.jsonl.gz');
    const result = await runFolio(['import', file], env, 60_000);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^imported \d+ records from .*truncated\.jsonl\.gz: \d+ new/);
    expect(result.stderr.trim()).toMatch(
      /^folio: truncated\.jsonl\.gz: the compressed data ends early \(is the file truncated\?\), after line \d+; the \d+ papers before it were imported$/,
    );
  });

  it('exits 1 when a file holds nothing it can import', async () => {
    const file = path.join(dir, 'junk.jsonl');
    fs.writeFileSync(file, 'not json\n[]\n');
    const result = await runFolio(['import', file], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('0 new, 0 updated, 0 unchanged, 2 skipped');
  });
});
