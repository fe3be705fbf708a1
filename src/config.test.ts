import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults and derives the store and base URL', () => {
    const config = loadConfig({ FOLIO_DATA_DIR: '/tmp/folio-x' });
    expect(config).toMatchObject({
      dataDir: '/tmp/folio-x',
      database: { kind: 'sqlite', file: '/tmp/folio-x/folio.db' },
      port: 3000,
      host: '0.0.0.0',
      baseUrl: 'http://localhost:3000',
      offline: false,
      logLevel: 'info',
      ingest: { categories: ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'], schedule: '30 1 * * 1-5' },
      digest: { schedule: '*/15 * * * *' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ingest)).toBe(true);
  });

  it('reads every kind of value', () => {
    const config = loadConfig({
      FOLIO_DATABASE_URL: 'postgresql://u@db/folio',
      FOLIO_PORT: '8080',
      FOLIO_BASE_URL: 'https://papers.example.org/',
      FOLIO_OFFLINE: 'yes',
      FOLIO_INGEST_CATEGORIES: ' cs.LG, ,stat.ML ',
      FOLIO_INGEST_SCHEDULE: '0 */6 * * *',
      FOLIO_ARXIV_DELAY_MS: '0',
      FOLIO_DIGEST_SCHEDULE: '5 * * * *',
      UNRELATED: 'ignored',
    });
    expect(config).toMatchObject({
      database: { kind: 'postgres', url: 'postgresql://u@db/folio' },
      port: 8080,
      baseUrl: 'https://papers.example.org',
      offline: true,
      ingest: { categories: ['cs.LG', 'stat.ML'], schedule: '0 */6 * * *', arxivDelayMs: 0 },
      digest: { schedule: '5 * * * *' },
    });
    expect(loadConfig({ FOLIO_DATABASE_URL: 'sqlite:/tmp/a.db' }).database).toEqual({
      kind: 'sqlite',
      file: '/tmp/a.db',
    });
  });

  it.each([
    ['FOLIO_PORT', 'abc', 'a port number from 0 to 65535'],
    ['FOLIO_PORT', '65536', 'a port number from 0 to 65535'],
    ['FOLIO_PORT', '-1', 'a port number from 0 to 65535'],
    ['FOLIO_PORT', '80.5', 'a port number from 0 to 65535'],
    ['FOLIO_DATABASE_URL', 'mysql://x', 'a SQLite file path or a postgres:// URL'],
    ['FOLIO_INGEST_SCHEDULE', 'nonsense', 'a cron expression (UTC) such as "30 1 * * 1-5"'],
    ['FOLIO_INGEST_SCHEDULE', '61 * * * *', 'a cron expression'],
    ['FOLIO_DIGEST_SCHEDULE', 'every hour', 'a cron expression (UTC) such as "*/15 * * * *"'],
    ['FOLIO_OFFLINE', 'maybe', '1 or 0'],
    ['FOLIO_LOG_LEVEL', 'loud', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['FOLIO_BASE_URL', 'ftp://x', 'an http:// or https:// URL'],
    ['FOLIO_ARXIV_DELAY_MS', '1.5', 'a whole number of milliseconds'],
    ['FOLIO_SECRET', 'short', 'at least 32 characters'],
    ['FOLIO_SMTP_URL', 'mail.example.org', 'an smtp:// or smtps:// URL'],
  ])('rejects %s=%j, saying what it expects', (variable, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: expected `));
    expect((error as ConfigError).message).toContain(expected);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('never repeats a secret value in its message', () => {
    expect(() => loadConfig({ FOLIO_SMTP_URL: 'user:hunter2@mail' })).toThrow(
      /^FOLIO_SMTP_URL: expected [^h]*$/,
    );
  });
});

describe('the configuration reference', () => {
  it('names every variable the feature fragments read in the README', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
    expect(CONFIG_VARIABLES.length).toBe(new Set(CONFIG_VARIABLES).size);
    expect(CONFIG_VARIABLES).toContain('FOLIO_DIGEST_SCHEDULE');
  });
});
