import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { runDigestRound } from '../../src/digest/digest-run.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { seedSitePapers } from '../support/seed-papers.ts';
import { SiteClient, signIn } from './site-client.ts';

describe.each(dialects)('notifications (%s)', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;
  let bob: SiteClient;
  let cara: SiteClient;
  const member = (email: string) => ensureUser(t.runtime.db, t.clock, email);
  const kinds = async (email: string) =>
    (await t.runtime.personal.notifications.list(await member(email))).map((n) => ({
      kind: n.kind,
      actor: n.actorName,
      paper: n.paper?.id ?? null,
      detail: n.detail,
    }));
  const comment = async (client: SiteClient, paper: string, body: string, parent?: string) => {
    await client.get(`/papers/${paper}`);
    const res = await client.post(`/papers/${paper}/comments`, {
      body,
      ...(parent ? { parent } : {}),
    });
    expect(res.status).toBe(303);
    return /#comment-(\d+)$/.exec(res.headers.get('location') ?? '')![1]!;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, {
      env: { FOLIO_SMTP_URL: sink.url },
      search: 'keyword',
    });
    await seedSitePapers(t);
    ada = new SiteClient(t.app);
    bob = new SiteClient(t.app);
    cara = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
    await signIn(bob, sink, 'bob@example.org');
    await signIn(cara, sink, 'cara@example.org');
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('tells the author of the comment answered and the members mentioned, never the writer', async () => {
    const top = await comment(ada, '2606.00002', 'Does this scale?');
    const reply = await comment(
      bob,
      '2606.00002',
      'Yes. @ada @bob @cara and @nobody-here: <script>alert(1)</script>',
      top,
    );
    expect(await kinds('ada@example.org')).toEqual([
      {
        kind: 'reply',
        actor: 'bob',
        paper: '2606.00002',
        detail: 'Yes. @ada @bob @cara and @nobody-here: <script>alert(1)</script>',
      },
    ]);
    expect((await kinds('cara@example.org')).map((n) => [n.kind, n.actor])).toEqual([
      ['mention', 'bob'],
    ]);
    expect(await kinds('bob@example.org')).toEqual([]);

    // Ada answers Bob's reply and mentions herself: Bob hears of it, Ada does not.
    await comment(ada, '2606.00002', 'Thanks @ada, and @BOB too', reply);
    expect((await kinds('bob@example.org')).map((n) => [n.kind, n.actor, n.detail])).toEqual([
      ['reply', 'ada', 'Thanks @ada, and @BOB too'],
    ]);
    expect(await kinds('ada@example.org')).toHaveLength(1);

    // An e-mail address is not a mention.
    await comment(cara, '2606.00003', 'Write to ada@example.org');
    expect(await kinds('ada@example.org')).toHaveLength(1);
  });

  it('lists them on a page with the unread count in the header, escaped, and marks them read by POST', async () => {
    await ada.get('/notifications');
    expect(ada.html).toContain('Notifications, 1 unread');
    expect(ada.html).toMatch(/<a href="\/users\/bob">bob<\/a> replied to your comment on/);
    expect(ada.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(ada.html).not.toContain('<script>alert(1)</script>');
    const [first] = await t.runtime.personal.notifications.list(await member('ada@example.org'));
    expect(
      (await ada.post('/notifications/read', { id: String(first!.id) }, { csrf: 'x' })).status,
    ).toBe(403);
    // Another member cannot mark Ada's notification read.
    await bob.get('/notifications');
    expect((await bob.post('/notifications/read', { id: String(first!.id) })).status).toBe(303);
    expect((await kinds('ada@example.org')).length).toBe(1);
    expect(
      await t.runtime.personal.notifications.unreadCount(await member('ada@example.org')),
    ).toBe(1);
    await ada.get('/notifications');
    const marked = await ada.post('/notifications/read', { id: String(first!.id) });
    expect(marked.status).toBe(303);
    expect(marked.headers.get('location')).toBe('/notifications');
    await ada.get('/notifications');
    expect(ada.html).not.toContain('unread');
    expect(ada.html).toContain('aria-label="Notifications"');
    expect((await ada.post('/notifications/read', { id: 'x1' })).status).toBe(400);
  });

  it('tells the members who saved a paper of its new arXiv version, once', async () => {
    await ada.get('/papers/2606.00004');
    expect((await ada.post('/papers/2606.00004/save', { save: 'add' })).status).toBe(303);
    const v2: PaperRecord = {
      id: '2606.00004v2',
      title: 'Diffusion transformers for sparse graphs, part 4',
      abstract: 'We study diffusion models on graphs with 4 layers and report gains.',
      authors: ['Author 4'],
      categories: ['cs.CV'],
    };
    await t.runtime.papers.store([v2], { source: 'test' });
    await t.runtime.papers.store([v2], { source: 'test' });
    // Another change at the same version is no new version.
    await t.runtime.papers.store([{ ...v2, comment: '12 pages' }], { source: 'test' });
    const versions = (await kinds('ada@example.org')).filter((n) => n.kind === 'new_version');
    expect(versions).toEqual([
      { kind: 'new_version', actor: null, paper: '2606.00004', detail: 'v2' },
    ]);
    expect((await kinds('bob@example.org')).some((n) => n.kind === 'new_version')).toBe(false);
    await ada.get('/notifications');
    expect(ada.html).toContain('A new version (v2) of');
  });

  it('tells the followers of an author of the author’s new paper, not of an old one', async () => {
    await cara.get('/following');
    expect((await cara.post('/follow', { kind: 'author', target: 'Dana Q. Writer' })).status).toBe(
      303,
    );
    await t.runtime.papers.store(
      [
        {
          id: '2606.00020',
          title: 'Fresh results',
          abstract: 'New.',
          authors: ['Eve', 'Dana  Q. Writer'],
          categories: ['cs.LG'],
          publishedAt: '2026-06-30T10:00:00Z',
        },
        {
          id: '1901.00020',
          title: 'An old paper found late',
          abstract: 'Old.',
          authors: ['Dana Q. Writer'],
          categories: ['cs.LG'],
          publishedAt: '2019-01-03T10:00:00Z',
        },
      ],
      { source: 'test' },
    );
    expect((await kinds('cara@example.org')).filter((n) => n.kind === 'followed_author')).toEqual([
      { kind: 'followed_author', actor: null, paper: '2606.00020', detail: 'Dana Q. Writer' },
    ]);
    expect((await kinds('ada@example.org')).some((n) => n.kind === 'followed_author')).toBe(false);
  });

  it('serves them over the API with a personal token', async () => {
    const { token } = await createApiToken(
      t.runtime.db,
      t.clock,
      await member('cara@example.org'),
      'test',
    );
    const auth = { authorization: `Bearer ${token}` };
    const res = await t.app.request('/api/v1/me/notifications', { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      unread: number;
      notifications: { kind: string; actor: string | null; paper: { id: string } | null }[];
    };
    expect(body.unread).toBe(2);
    expect(body.notifications.map((n) => [n.kind, n.actor, n.paper?.id])).toEqual([
      ['followed_author', null, '2606.00020'],
      ['mention', 'bob', '2606.00002'],
    ]);
    const read = await t.app.request('/api/v1/me/notifications/read', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(await read.json()).toEqual({ marked: 2 });
    const unread = await t.app.request('/api/v1/me/notifications?unread=1', { headers: auth });
    expect(await unread.json()).toEqual({ unread: 0, notifications: [] });
    expect((await t.app.request('/api/v1/me/notifications')).status).toBe(401);
  });

  it('mails new notifications through the outbox to members who opted in, once', async () => {
    await ada.get('/account');
    expect(ada.html).toContain('name="by_mail"');
    expect((await ada.post('/account/notifications', { by_mail: '1' })).status).toBe(303);
    await ada.get('/account');
    expect(ada.html).toMatch(/name="by_mail" value="1" checked/);
    const before = sink.messages.length;
    await comment(cara, '2606.00005', 'Look, @ada and @bob: <b>this</b>');
    const first = await runDigestRound(t.runtime);
    expect(first.notices).toBe(1);
    expect(first.delivered?.sent).toBe(1);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail!.to).toMatchObject({ value: [{ address: 'ada@example.org' }] });
    expect(mail!.subject).toBe('Folio: 1 new notification');
    expect(mail!.text).toContain(
      'cara mentioned you on “Diffusion transformers for sparse graphs, part 5”: Look, @ada and @bob: <b>this</b>',
    );
    expect(mail!.text).toContain('http://localhost:3000/papers/2606.00005#comment-');
    expect(mail!.html).toContain('&lt;b&gt;this&lt;/b&gt;');
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    // Bob did not opt in; a second round sends nothing again.
    const second = await runDigestRound(t.runtime);
    expect(second.notices).toBe(0);
    expect(second.delivered?.sent).toBe(0);
    expect(sink.messages.length).toBe(before + 1);
    // Opting out stops the next ones.
    await ada.get('/account');
    expect((await ada.post('/account/notifications', {})).status).toBe(303);
    await comment(cara, '2606.00005', 'Again @ada');
    expect((await runDigestRound(t.runtime)).notices).toBe(0);
    expect(sink.messages.length).toBe(before + 1);
  });
});
