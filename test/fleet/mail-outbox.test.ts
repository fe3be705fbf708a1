import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/community/session.service.ts';
import { loadConfig } from '../../src/config.ts';
import { runDigestRound } from '../../src/digest/digest-run.ts';
import { countOutboxByStatus } from '../../src/digest/outbox.repository.ts';
import { insertSubscriber } from '../../src/digest/subscriber.repository.ts';
import { outboxKind } from '../../src/mail/mailer.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { SiteClient } from '../site/site-client.ts';
import { dialects } from '../support/databases.ts';
import { otherInstance, type OtherInstance } from '../support/instances.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

describe('where mail goes without SMTP', () => {
  it('is the database on PostgreSQL and the folder on SQLite unless FOLIO_MAIL_OUTBOX says', () => {
    const pg = 'postgres://folio@db.example.org/folio';
    expect(outboxKind(loadConfig({ FOLIO_DATABASE_URL: pg }))).toBe('database');
    expect(outboxKind(loadConfig({ FOLIO_DATABASE_URL: 'x/folio.db' }))).toBe('folder');
    expect(outboxKind(loadConfig({ FOLIO_DATABASE_URL: pg, FOLIO_MAIL_OUTBOX: 'folder' }))).toBe(
      'folder',
    );
    expect(
      outboxKind(loadConfig({ FOLIO_DATABASE_URL: 'x/folio.db', FOLIO_MAIL_OUTBOX: 'database' })),
    ).toBe('database');
    expect(() => loadConfig({ FOLIO_MAIL_OUTBOX: 's3' })).toThrow(
      'FOLIO_MAIL_OUTBOX: expected folder or database',
    );
  });
});

describe.each(dialects)('the database outbox shared by two instances on %s', (dialect) => {
  let a: TestRuntime;
  let b: OtherInstance;
  beforeAll(async () => {
    a = await createTestRuntime(dialect, {
      search: 'keyword',
      env: { FOLIO_MAIL_OUTBOX: 'database' },
    });
    b = await otherInstance(a, { FOLIO_MAIL_OUTBOX: 'database' });
  });
  afterAll(async () => {
    await b.close();
    await a.cleanup();
  });

  it('keeps mail written by one instance where the other lists it, tokens hidden', async () => {
    expect(a.runtime.mailer.outbox?.kind).toBe('database');
    expect(a.runtime.mailer.outboxDir).toBeNull();
    const visitor = new SiteClient(a.app);
    await visitor.get('/sign-in');
    const sent = await visitor.post('/sign-in', { email: 'fleet@example.org' });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('the database (table mail_outbox)');

    const [listed] = await b.runtime.mailer.outbox!.list(10);
    expect(listed).toMatchObject({ to: 'fleet@example.org', subject: 'Your Folio sign-in link' });
    const raw = (await b.runtime.mailer.outbox!.read(listed!.name))!;
    const token = /token=(?:3D)?([A-Za-z0-9_-]{20,})/.exec(raw.replace(/=\r?\n/g, ''))![1]!;

    const admin = await b.runtime.db.kysely
      .insertInto('users')
      .returning('id')
      .values({ email: 'ops@example.org', name: 'ops', role: 'admin', created_at: 'x' })
      .executeTakeFirstOrThrow();
    const { token: session } = await startSession(b.runtime.db, b.runtime.clock, admin.id);
    const cookie = `folio_session=${session}`;
    const page = await (await b.app.request('/admin/outbox', { headers: { cookie } })).text();
    expect(page).toContain(`href="/admin/outbox/${listed!.name}"`);
    expect(page).toContain('fleet@example.org');
    const shown = await b.app.request(`/admin/outbox/${listed!.name}`, { headers: { cookie } });
    const text = await shown.text();
    expect(text).toContain('/sign-in/verify?token=[redacted]');
    expect(text).not.toContain(token);
    expect((await b.app.request('/admin/outbox/999999.eml', { headers: { cookie } })).status).toBe(
      404,
    );
    expect(
      (await b.app.request('/admin/outbox/..%2Fetc%2Fpasswd', { headers: { cookie } })).status,
    ).toBe(404);
  });

  it('delivers each digest once whichever instance runs the round, and counts the outbox in /metrics', async () => {
    await insertSubscriber(a.runtime.db.kysely, {
      email: 'digest@example.org',
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
    await upsertRecords(
      a.runtime.db,
      a.clock,
      [1, 2].map((i) => ({
        id: `2607.0100${i}`,
        title: `Shared outbox paper ${i}`,
        abstract: 'An abstract.',
        authors: ['A. Author'],
        categories: ['cs.LG'],
        listingDate: '2026-07-01',
      })),
      { source: 'test' },
    );
    const before = (await a.runtime.mailer.outbox!.count())!;
    expect((await runDigestRound(a.runtime)).delivered?.sent).toBe(1);
    expect((await runDigestRound(b.runtime)).delivered?.sent ?? 0).toBe(0);
    expect(await countOutboxByStatus(b.runtime.db.kysely)).toEqual({ sent: 1 });
    const mail = await b.runtime.mailer.outbox!.list(10);
    expect(mail.filter((m) => m.to === 'digest@example.org')).toHaveLength(1);
    expect(await b.runtime.mailer.outbox!.count()).toBe(before + 1);

    // The same message handed over twice (same Message-ID) is still one message.
    const again = {
      to: 'twice@example.org',
      subject: 'Once',
      text: 'Only once.',
      messageId: '<once@folio.test>',
    };
    await a.runtime.mailer.send(again);
    await b.runtime.mailer.send(again);
    expect(
      (await b.runtime.mailer.outbox!.list(50)).filter((m) => m.to === 'twice@example.org'),
    ).toHaveLength(1);

    const metrics = await (await b.app.request('/metrics')).text();
    expect(metrics).toContain(`folio_mail_outbox_messages ${before + 2}\n`);
    expect(metrics).toContain('folio_digest_outbox{status="sent"} 1\n');
  });
});
