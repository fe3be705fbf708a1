import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/periods.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { dialects } from '../../test/support/databases.ts';
import { clockEnv, createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { countOutboxByStatus } from './outbox.repository.ts';
import { insertSubscriber } from './subscriber.repository.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SUBSCRIBERS = 24;
const FAST = 8;

/** Runs `folio digest send` as its own process against the test store and sink. */
function startSend(t: TestRuntime, smtpUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'digest', 'send'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      FOLIO_DATABASE_URL: t.dbUrl,
      FOLIO_DATA_DIR: t.dataDir,
      FOLIO_SMTP_URL: smtpUrl,
      FOLIO_MAIL_RATE: '0',
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_LOG_LEVEL: 'silent',
      FOLIO_BASE_URL: 'http://localhost:3000',
      ...clockEnv(t),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe.each(dialects)('a digest send killed midway on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let slow = true;

  beforeAll(async () => {
    // After FAST messages the sink holds every reply for a long time: the run is stuck mid-send.
    sink = await startSmtpSink({ delayMs: (n) => (slow && n > FAST ? 15_000 : 0) });
    t = await createTestRuntime(dialect, { now: '2026-07-02T12:00:00Z' });
    // The CLI runs on the same fixed clock: the papers are yesterday's list.
    const day = addDays('2026-07-02', -1);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      Array.from({ length: 8 }, (_, i) => ({
        id: `2601.0000${i}`,
        title: `Paper ${i}`,
        abstract: 'An abstract.',
        authors: ['A. Author'],
        categories: ['cs.LG'],
        listingDate: day,
      })),
      { source: 'test' },
    );
    for (let i = 0; i < SUBSCRIBERS; i++)
      await insertSubscriber(t.runtime.db.kysely, {
        email: `reader${i}@example.org`,
        status: 'active',
        frequency: 'daily',
        categories: '[]',
        keywords: '[]',
        query: null,
        time_zone: 'UTC',
        user_id: null,
        manage_key: `key${i}`,
        next_due_at: '2026-01-01T08:00:00.000Z',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
        confirmed_at: '2026-01-01T00:00:00.000Z',
      });
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('delivers the rest after SIGKILL and a rerun, each subscriber exactly once', async () => {
    const first = startSend(t, sink.url);
    // FAST accepted, then one message stuck on each of the pool's 4 connections.
    await sink.waitFor(FAST + 4, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    slow = false;
    const second = startSend(t, sink.url);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(/uncertain\s+4 /);

    const perAddress = new Map<string, number>();
    for (const mail of sink.messages) {
      const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    }
    expect(perAddress.size).toBe(SUBSCRIBERS);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    const ids = new Set(sink.messages.map((m) => m.messageId));
    expect(ids.size).toBe(SUBSCRIBERS);
    const statuses = await countOutboxByStatus(t.runtime.db.kysely);
    expect(statuses).toEqual({ sent: SUBSCRIBERS - 4, uncertain: 4 });
  });
});
