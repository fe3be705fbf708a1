import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { readOutboxFile, listOutboxFiles } from '../mail/outbox-folder.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { dialects } from '../../test/support/databases.ts';
import { clockEnv, createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { countOutboxByStatus } from './outbox.repository.ts';
import { findSubscriberByEmail } from './subscriber.repository.ts';
import {
  confirmSubscription,
  requestSubscription,
  SUBSCRIBE_LIMITS,
} from './subscription.service.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const preferences = {
  frequency: 'daily' as const,
  timeZone: 'UTC',
  topics: { categories: ['cs.CL'], keywords: [], query: null },
};

/** Waits for the .eml files written in the background and returns the newest one's text. */
async function newestMail(t: TestRuntime, count: number): Promise<string> {
  const dir = t.runtime.mailer.outboxDir!;
  for (let i = 0; i < 200 && listOutboxFiles(dir, 100).length < count; i++)
    await new Promise((r) => setTimeout(r, 25));
  const files = listOutboxFiles(dir, 100);
  expect(files).toHaveLength(count);
  return readOutboxFile(dir, files[0]!.name)!
    .replace(/=\r?\n/g, '')
    .replace(/=3D/g, '=');
}

const tokenIn = (mail: string) => /confirm\?token=([\w.-]+)/.exec(mail)![1]!;

describe.each(dialects)('subscriptions on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { now: '2026-07-01T12:00:00Z' });
  });
  afterAll(() => t.cleanup());

  it('expires confirmation links after 48 hours, and a new request sends a working one', async () => {
    const email = 'late@example.org';
    await requestSubscription(t.runtime, { email, preferences, client: 'c1' });
    const first = tokenIn(await newestMail(t, 1));
    t.clock.advance(49 * 3_600_000);
    await expect(confirmSubscription(t.runtime, first)).rejects.toMatchObject({
      status: 410,
      code: 'link_expired',
    });
    await requestSubscription(t.runtime, { email, preferences, client: 'c1' });
    const second = tokenIn(await newestMail(t, 2));
    // The older link stays dead even within its own 48 hours: only the latest nonce counts.
    await expect(confirmSubscription(t.runtime, first)).rejects.toBeInstanceOf(AppError);
    await confirmSubscription(t.runtime, second);
    expect((await findSubscriberByEmail(t.runtime.db.kysely, email))?.status).toBe('active');
  });

  it('limits subscribe requests per client (429) and per address (silently)', async () => {
    const client = 'busy-client';
    for (let i = 0; i < SUBSCRIBE_LIMITS.perClient; i++)
      await requestSubscription(t.runtime, {
        email: `n${i}@example.org`,
        preferences,
        client,
      });
    await expect(
      requestSubscription(t.runtime, { email: 'one.more@example.org', preferences, client }),
    ).rejects.toMatchObject({ status: 429 });

    await newestMail(t, 2 + SUBSCRIBE_LIMITS.perClient);
    const before = 2 + SUBSCRIBE_LIMITS.perClient;
    for (let i = 0; i < SUBSCRIBE_LIMITS.perAddress + 2; i++)
      await requestSubscription(t.runtime, {
        email: 'target@example.org',
        preferences,
        client: `client-${i}`,
      });
    // Every notice is handed to the mailer before the request returns: once those sends are
    // done, exactly the per-address budget went out and the rest were dropped silently.
    expect(await t.mail.settled()).toBe(before + SUBSCRIBE_LIMITS.perAddress);
    expect(listOutboxFiles(t.runtime.mailer.outboxDir!, 1000)).toHaveLength(
      before + SUBSCRIBE_LIMITS.perAddress,
    );
  });
});

describe.each(dialects)('folio digest preview and send --dry-run on %s', (dialect) => {
  let t: TestRuntime;
  let out: string;
  const env = () => ({
    PATH: process.env.PATH,
    FOLIO_DATABASE_URL: t.dbUrl,
    FOLIO_DATA_DIR: t.dataDir,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
    ...clockEnv(t),
  });
  const folio = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: ROOT, env: env() });

  beforeAll(async () => {
    // The command runs on this runtime's fixed clock: the paper is on yesterday's list.
    t = await createTestRuntime(dialect, { now: '2026-07-02T12:00:00Z' });
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-preview-'));
    const day = '2026-07-01';
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2601.00001',
          title: 'A parsing paper',
          abstract: 'Parsing.',
          authors: ['A'],
          categories: ['cs.CL'],
          listingDate: day,
        },
      ],
      { source: 'test' },
    );
    await requestSubscription(t.runtime, { email: 'cli@example.org', preferences, client: 'cli' });
    await confirmSubscription(t.runtime, tokenIn(await newestMail(t, 1)));
    await t.runtime.db.kysely
      .updateTable('subscribers')
      .set({ next_due_at: '2026-01-01T00:00:00Z' })
      .execute();
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes a preview to files and prints their paths', async () => {
    const { stdout } = await folio('digest', 'preview', 'CLI@example.org', '--out', out);
    const [html, text] = stdout.trim().split('\n');
    expect(fs.readFileSync(html!, 'utf8')).toContain('A parsing paper');
    expect(fs.readFileSync(text!, 'utf8')).toContain('A parsing paper');
    await expect(folio('digest', 'preview', 'nobody@example.org')).rejects.toMatchObject({
      code: 1,
    });
    await expect(folio('digest', 'preview', 'not an address')).rejects.toMatchObject({ code: 2 });
  });

  it('counts what it would send with --dry-run and queues nothing', async () => {
    const { stdout } = await folio('digest', 'send', '--dry-run');
    expect(stdout).toMatch(/due subscribers\s+1/);
    expect(stdout).toMatch(/would queue\s+1/);
    expect(await countOutboxByStatus(t.runtime.db.kysely)).toEqual({});
  });
});
