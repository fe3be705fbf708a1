import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFolio } from './run-folio.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-config-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('a bad configuration stops start-up', () => {
  it.each([
    ['FOLIO_PORT', 'abc', 'folio: FOLIO_PORT: expected a port number from 0 to 65535'],
    [
      'FOLIO_DATABASE_URL',
      'mysql://x',
      'folio: FOLIO_DATABASE_URL: expected a SQLite file path or a postgres:// URL',
    ],
    [
      'FOLIO_INGEST_SCHEDULE',
      'nonsense',
      'folio: FOLIO_INGEST_SCHEDULE: expected a cron expression (UTC) such as "30 1 * * 1-5"',
    ],
  ])('%s=%s: one line naming it, exit code 2', async (variable, value, line) => {
    const result = await runFolio(['papers', 'ls'], { FOLIO_DATA_DIR: dataDir, [variable]: value });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(line);
  });

  it('stops `serve` the same way before it listens', async () => {
    const result = await runFolio(['serve'], { FOLIO_DATA_DIR: dataDir, FOLIO_PORT: '99999' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('folio: FOLIO_PORT: expected a port number from 0 to 65535');
    // Nothing was created for a configuration that never loaded.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
