import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { IN_CI } from './ci.ts';

/**
 * Vitest global setup: under CI, checks before any test runs that everything the suite needs is
 * there (the shared recorded data, Chromium, a reachable PostgreSQL) and fails naming each thing
 * missing, so no area of the suite is skipped unnoticed. Outside CI it does nothing.
 */
export default async function ciPreflight(): Promise<void> {
  if (!IN_CI) return;
  const missing: string[] = [];
  const shared =
    process.env.FOLIO_TEST_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data');
  if (!fs.existsSync(shared)) missing.push(`the shared recorded data (no folder at ${shared})`);
  const chromium = process.env.FOLIO_TEST_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium))
    missing.push(`Chromium (nothing at ${chromium}; set FOLIO_TEST_CHROMIUM)`);
  const pgUrl = process.env.FOLIO_TEST_PG_URL;
  if (!pgUrl) missing.push('PostgreSQL (FOLIO_TEST_PG_URL is not set)');
  else {
    const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      missing.push(`PostgreSQL (FOLIO_TEST_PG_URL does not answer: ${(error as Error).message})`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  if (missing.length > 0)
    throw new Error(`CI run stopped before the tests: missing ${missing.join('; ')}.`);
}
