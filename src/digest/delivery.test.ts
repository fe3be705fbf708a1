import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../community/session.service.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { BOUNCE_LIMIT, backoffMs } from './delivery.ts';
import { runDigestRound } from './digest-run.ts';
import { countOutboxByStatus } from './outbox.repository.ts';
import { findSubscriberByEmail, insertSubscriber } from './subscriber.repository.ts';

async function addSubscriber(t: TestRuntime, email: string) {
  await insertSubscriber(t.runtime.db.kysely, {
    email,
    status: 'active',
    frequency: 'daily',
    categories: '[]',
    keywords: '[]',
    query: null,
    time_zone: 'UTC',
    user_id: null,
    manage_key: 'k',
    next_due_at: '2026-07-01T08:00:00.000Z',
    created_at: '2026-06-01T00:00:00.000Z',
    updated_at: '2026-06-01T00:00:00.000Z',
    confirmed_at: '2026-06-01T00:00:00.000Z',
  });
}

async function addDay(t: TestRuntime, day: string, n: number) {
  await upsertRecords(
    t.runtime.db,
    t.clock,
    Array.from({ length: n }, (_, i) => ({
      id: `2607.${day.slice(-2)}${String(i).padStart(3, '0')}`,
      title: `Paper ${day} ${i}`,
      abstract: 'An abstract.',
      authors: ['A. Author'],
      categories: ['cs.LG'],
      listingDate: day,
    })),
    { source: 'test' },
  );
}

describe.each(dialects)('digest delivery failures on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let refuse: (to: string) => number | null = () => null;

  beforeAll(async () => {
    sink = await startSmtpSink({
      reject: (to) => {
        const code = refuse(to[0]!);
        return code
          ? { responseCode: code, message: code >= 500 ? 'No such user' : 'Try later' }
          : null;
      },
    });
    t = await createTestRuntime(dialect, {
      env: { FOLIO_SMTP_URL: sink.url, FOLIO_MAIL_RATE: '0' },
      now: '2026-07-01T12:00:00Z',
    });
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('retries a 4xx with backoff and stops a 5xx address after repeated refusals', async () => {
    await addSubscriber(t, 'busy@example.org');
    await addSubscriber(t, 'gone@example.org');
    refuse = (to) => (to === 'busy@example.org' ? 451 : to === 'gone@example.org' ? 550 : null);
    await addDay(t, '2026-07-01', 3);
    const first = await runDigestRound(t.runtime);
    expect(first.delivered).toMatchObject({ sent: 0, retrying: 1, failed: 1 });

    // Not retried before the backoff has passed; then delivered once the server takes it.
    refuse = (to) => (to === 'gone@example.org' ? 550 : null);
    expect((await runDigestRound(t.runtime)).delivered?.sent).toBe(0);
    t.clock.advance(backoffMs(1) + 1000);
    expect((await runDigestRound(t.runtime)).delivered?.sent).toBe(1);
    expect(sink.messages.map((m) => m.subject)).toHaveLength(1);

    // Permanent refusals on further digests mark the address bouncing; then nothing is built.
    for (let day = 2; day <= BOUNCE_LIMIT; day++) {
      await addDay(t, `2026-07-0${day}`, 2);
      t.clock.set(`2026-07-0${day}T09:00:00Z`);
      await runDigestRound(t.runtime);
    }
    const gone = await findSubscriberByEmail(t.runtime.db.kysely, 'gone@example.org');
    expect(gone).toMatchObject({ status: 'bouncing', bounceCount: BOUNCE_LIMIT });
    expect((await countOutboxByStatus(t.runtime.db.kysely)).failed).toBe(BOUNCE_LIMIT);
  });

  it('shows the outbox to admins only', async () => {
    expect((await t.app.request('/admin/outbox')).status).toBe(403);
    expect((await t.app.request('/admin/outbox/x.eml')).status).toBe(403);
    const users = t.runtime.db.kysely.insertInto('users').returning('id');
    const member = await users
      .values({ email: 'm@example.org', name: 'member', role: 'member', created_at: 'x' })
      .executeTakeFirstOrThrow();
    const admin = await t.runtime.db.kysely
      .insertInto('users')
      .returning('id')
      .values({ email: 'a@example.org', name: 'admin', role: 'admin', created_at: 'x' })
      .executeTakeFirstOrThrow();
    const as = async (id: number) => {
      const { token } = await startSession(t.runtime.db, t.clock, id);
      return t.app.request('/admin/outbox', { headers: { cookie: `folio_session=${token}` } });
    };
    expect((await as(member.id)).status).toBe(403);
    const page = await as(admin.id);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('busy@example.org');
  });
});

describe('digest without an SMTP server', () => {
  it('writes .eml files to the outbox folder', async () => {
    const t = await createTestRuntime('sqlite', { now: '2026-07-01T12:00:00Z' });
    try {
      await addSubscriber(t, 'offline@example.org');
      await addDay(t, '2026-07-01', 2);
      const round = await runDigestRound(t.runtime);
      expect(round.delivered?.sent).toBe(1);
      const { listOutboxFiles } = await import('../mail/outbox-folder.ts');
      const files = listOutboxFiles(t.runtime.mailer.outboxDir!, 10);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ to: 'offline@example.org' });
      expect(files[0]!.subject).toContain('Folio digest: 2 papers');
    } finally {
      await t.cleanup();
    }
  });
});
