import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../../src/community/user.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { signIn, signInLinkFor, SiteClient } from './site-client.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

describe.each(dialects)('accounts and community on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url } });
    await seedSitePapers(t);
    ada = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('signs in with a one-time emailed link into an HttpOnly, SameSite=Lax session', async () => {
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: '  Grace@Example.org ' });
    expect(res.status).toBe(200);
    expect(client.html).toContain('Check your email');
    const mail = (await sink.waitFor(2)).at(-1)!;
    expect(mail.subject).toBe('Your Folio sign-in link');
    const link = new URL(signInLinkFor(sink, 'grace@example.org'));
    expect(link.origin).toBe('http://localhost:3000');
    // Opening the link only shows a button: mail scanners that fetch it sign no one in.
    const opened = await client.get(`${link.pathname}${link.search}`);
    expect(opened.status).toBe(200);
    expect(client.cookies.has('folio_session')).toBe(false);
    const done = await client.request('/sign-in/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: link.searchParams.get('token')!,
        _csrf: client.csrf(),
      }).toString(),
    });
    expect(done.status).toBe(303);
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith('folio_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    await client.get('/');
    expect(client.html).toContain('href="/users/grace"');
    // The same link does not work twice.
    const again = await client.post('/sign-in/verify', { token: link.searchParams.get('token')! });
    expect(again.status).toBe(400);
    expect(client.html).toContain('expired or was already used');
    // Only the hash of the token is stored.
    const rows = await t.runtime.db.kysely
      .selectFrom('sign_in_tokens')
      .select('token_hash')
      .execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(link.searchParams.get('token'));
  });

  it('answers the same whether or not an address has an account, and checks the address', async () => {
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    await client.post('/sign-in', { email: 'ada@example.org' });
    const known = client.html.replace(/value="[^"]*"/g, '').replace(/ada@example.org/g, 'X');
    await client.post('/sign-in', { email: 'nobody@example.org' });
    const unknown = client.html.replace(/value="[^"]*"/g, '').replace(/nobody@example.org/g, 'X');
    expect(unknown).toBe(known);
    const bad = await client.post('/sign-in', { email: '<script>@x' });
    expect(bad.status).toBe(400);
    expect(client.html).toContain('Enter an email address');
    expect(client.html).toContain('value="&lt;script&gt;@x"');
  });

  it('refuses expired links', async () => {
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    const before = sink.messages.length;
    await client.post('/sign-in', { email: 'late@example.org' });
    await sink.waitFor(before + 1);
    const token = new URL(signInLinkFor(sink, 'late@example.org')).searchParams.get('token')!;
    t.clock.advance(31 * 60_000);
    await client.get(`/sign-in/verify?token=${token}`);
    const res = await client.post('/sign-in/verify', { token });
    expect(res.status).toBe(400);
  });

  it('refuses every POST without the right CSRF token, signed in or not', async () => {
    const visitor = new SiteClient(t.app);
    await visitor.get('/sign-in');
    expect(
      (await visitor.post('/sign-in', { email: 'x@example.org' }, { csrf: false })).status,
    ).toBe(403);
    expect(visitor.html).toContain('This form has expired or came from another site');
    expect(
      (await visitor.post('/sign-in', { email: 'x@example.org' }, { csrf: 'forged.token' })).status,
    ).toBe(403);
    // A token from another visitor's cookie does not fit this visitor.
    const other = new SiteClient(t.app);
    await other.get('/sign-in');
    expect(
      (await visitor.post('/sign-in', { email: 'x@example.org' }, { csrf: other.csrf() })).status,
    ).toBe(403);
    await ada.get('/papers/2606.00002');
    for (const [path, fields] of [
      ['/papers/2606.00002/upvote', {}],
      ['/papers/2606.00002/comments', { body: 'hi' }],
      ['/submit', { paper: '2606.00002' }],
      ['/sign-out', {}],
      ['/account', { name: 'mallory' }],
    ] as const) {
      expect((await ada.post(path, fields, { csrf: false })).status, path).toBe(403);
      expect((await ada.post(path, fields, { csrf: other.csrf() })).status, path).toBe(403);
    }
    // A JSON request from a script carries the token in a header.
    const res = await ada.request('/papers/2606.00002/upvote', {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': 'nope' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('toggles one upvote per member, as JSON for scripts and as a redirect for forms', async () => {
    await ada.get('/papers/2606.00003');
    const csrf = ada.csrf();
    const vote = () =>
      ada.request('/papers/2606.00003/upvote', {
        method: 'POST',
        headers: { accept: 'application/json', 'x-csrf-token': csrf },
      });
    expect(await (await vote()).json()).toEqual({ voted: true, upvotes: 1 });
    expect(await (await vote()).json()).toEqual({ voted: false, upvotes: 0 });
    // The plain form says what it wants, so a double submit cannot undo it.
    for (let i = 0; i < 2; i++) {
      const res = await ada.post(
        '/papers/2606.00003/upvote',
        { vote: 'add', back: '/papers/date/2026-06-30' },
        { csrf },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/papers/date/2026-06-30');
    }
    await ada.get('/papers/date/2026-06-30');
    expect(ada.html).toMatch(
      /aria-pressed="true"><span aria-hidden="true">▲<\/span><span class="count">1</,
    );
    // The paper page now charts the upvote.
    await ada.get('/papers/2606.00003');
    expect(ada.html).toContain('<figure class="star-chart">');
    // Redirects never leave the site.
    const away = await ada.post('/papers/2606.00003/upvote', {
      vote: 'add',
      back: '//evil.example/',
    });
    expect(away.headers.get('location')).toBe('/papers/2606.00003');
    // Visitors are sent to sign in; unknown papers are 404.
    const visitor = new SiteClient(t.app);
    await visitor.get('/sign-in');
    expect((await visitor.post('/papers/2606.00003/upvote', {})).status).toBe(401);
    expect((await ada.post('/papers/2601.99999/upvote', {})).status).toBe(404);
  });

  it('renders comments as a safe Markdown subset, lets authors edit and delete them', async () => {
    await ada.get('/papers/2606.00004');
    const body =
      'Nice *result* and **bold** `code<b>`\n\n[site](https://example.org/x?a=1&b=2) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const posted = await ada.post('/papers/2606.00004/comments', { body });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    expect(location).toMatch(/^\/papers\/2606\.00004#comment-\d+$/);
    const id = location.split('-').at(-1)!;
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain('<em>result</em>');
    expect(ada.html).toContain('<strong>bold</strong>');
    expect(ada.html).toContain('<code>code&lt;b&gt;</code>');
    expect(ada.html).toContain(
      '<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow ugc noopener">site</a>',
    );
    expect(ada.html).not.toContain('href="javascript:');
    expect(ada.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(ada.html).toContain('Comments (1)');
    // Empty and oversized comments get a clear message.
    expect((await ada.post('/papers/2606.00004/comments', { body: '   ' })).status).toBe(400);
    expect(
      (await ada.post('/papers/2606.00004/comments', { body: 'x'.repeat(5_001) })).status,
    ).toBe(400);
    expect(ada.html).toContain('at most 5,000 characters');
    // Edit, then delete.
    await ada.get(`/comments/${id}/edit`);
    expect(ada.html).toContain('<textarea');
    expect((await ada.post(`/comments/${id}/edit`, { body: 'Edited _text_' })).status).toBe(303);
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain('<em>text</em>');
    expect(ada.html).toContain('· edited');
    // Nobody else may touch it.
    const bob = new SiteClient(t.app);
    await signIn(bob, sink, 'bob@example.org');
    await bob.get(`/papers/2606.00004`);
    expect((await bob.post(`/comments/${id}/edit`, { body: 'mine now' })).status).toBe(403);
    expect((await bob.post(`/comments/${id}/delete`, {})).status).toBe(403);
    expect((await bob.post(`/comments/${id}/delete`, { confirm: '1' })).status).toBe(403);
    expect((await bob.post(`/comments/abc/delete`, {})).status).toBe(404);
    // The page offers the delete behind a second, confirming button.
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain(
      `<details class="confirm"><summary>Delete</summary><form method="post" action="/comments/${id}/delete" class="confirm-form"><input type="hidden" name="_csrf" value="${ada.csrf()}"/><input type="hidden" name="confirm" value="1"/><span>Delete this comment? This cannot be undone.</span> <button type="submit" class="danger">Yes, delete it</button></form></details>`,
    );
    // Without the confirmation, deleting only asks (and keeps the CSRF check).
    const asked = await ada.post(`/comments/${id}/delete`, {});
    expect(asked.status).toBe(200);
    expect(ada.html).toContain('<h1>Delete comment</h1>');
    expect(ada.html).toContain('<blockquote class="confirm-detail">Edited _text_</blockquote>');
    expect(ada.html).toContain('href="/papers/2606.00004#comment-');
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain('Comments (1)');
    expect(
      (await ada.post(`/comments/${id}/delete`, { confirm: '1' }, { csrf: 'forged' })).status,
    ).toBe(403);
    expect((await ada.post(`/comments/${id}/delete`, { confirm: '1' })).status).toBe(303);
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain('Comments (0)');
  });

  it('renders lists, quotes and TeX by KaTeX in comments, and previews one before posting', async () => {
    await ada.get('/papers/2606.00004');
    const body =
      '- first point\n- second with $\\mathbb{F}_q$\n\n1. one\n2. two\n\n> quoted\n\nCosts $5 and $10.\n\n$$\\sum_i x_i$$';
    // Preview: nothing stored, the comment rendered above the same form with the text kept.
    const preview = await ada.post('/papers/2606.00004/comments', { body, preview: '1' });
    expect(preview.status).toBe(200);
    expect(ada.html).toContain('<h1>Preview</h1>');
    expect(ada.html).toContain('<li>first point</li>');
    expect(ada.html).toMatch(
      /<textarea id="comment-body" name="body"[^>]*>- first point\n- second/,
    );
    expect(ada.html).toContain('name="preview" value="1"');
    await ada.get('/papers/2606.00004');
    expect(ada.html).toContain('Comments (0)');
    // Posting renders lists, quotes and the maths, and leaves dollar amounts as text.
    expect((await ada.post('/papers/2606.00004/comments', { body })).status).toBe(303);
    await ada.get('/papers/2606.00004');
    const comment = ada.html.slice(ada.html.indexOf('<div class="comment-body">'));
    expect(comment).toMatch(
      /^<div class="comment-body"><ul>\n<li>first point<\/li>\n<li>second with <span class="katex">/,
    );
    expect(comment).toContain(
      '<annotation encoding="application/x-tex">\\mathbb{F}_q</annotation>',
    );
    expect(comment).toContain('<ol>\n<li>one</li>\n<li>two</li>\n</ol>');
    expect(comment).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(comment).toContain('<p>Costs $5 and $10.</p>');
    expect(comment).toContain('<span class="katex-display">');
    expect(comment).toContain('<annotation encoding="application/x-tex">\\sum_i x_i</annotation>');
    expect(ada.html).toContain('Comments (1)');
  });

  it('submits papers by id or URL to today, points duplicates to the existing entry', async () => {
    await ada.get('/submit');
    const res = await ada.post('/submit', { paper: 'https://arxiv.org/abs/2605.00100v2' });
    expect(res.status).toBe(303);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(res.headers.get('location')).toBe(`/papers/date/${today}#paper-2605.00100`);
    await ada.get(`/papers/date/${today}`);
    expect(ada.html).toContain('2605.00100');
    expect(ada.html).toMatch(/by <a href="\/users\/ada">ada<\/a>/);
    // The home page shows today's list now that it is the latest.
    await ada.get('/');
    expect(ada.html).toContain('2605.00100');
    const again = await ada.post('/submit', { paper: 'arXiv:2605.00100' });
    expect(again.status).toBe(409);
    expect(ada.html).toContain('is already on the list of');
    expect((await ada.post('/submit', { paper: 'not a paper <b>' })).status).toBe(400);
    expect(ada.html).toContain('That is not an arXiv id');
    expect(ada.html).toContain('value="not a paper &lt;b&gt;"');
    const unknown = await ada.post('/submit', { paper: '2601.99999' });
    expect(unknown.status).toBe(404);
    expect(ada.html).toContain('cannot ask arXiv for it while it runs offline');
    await ada.get('/papers/2605.00100');
    expect(ada.html).toMatch(/Submitted by <a href="\/users\/ada">ada<\/a>/);
    await ada.get('/users/ada');
    expect(ada.html).toContain('Submitted papers (1)');
    expect(ada.html).toContain('Upvoted papers (1)');
  });

  it('lets members rename themselves, curators moderate and admins grant roles', async () => {
    const admin = await ensureUser(t.runtime.db, t.clock, 'root@example.org', 'admin');
    expect(admin.role).toBe('admin');
    const root = new SiteClient(t.app);
    await signIn(root, sink, 'root@example.org');
    const bob = new SiteClient(t.app);
    await signIn(bob, sink, 'bob@example.org');
    await bob.get('/account');
    expect(bob.html).toContain('href="/subscribe"');
    expect(bob.html).toContain('href="/account/tokens"');
    expect((await bob.post('/account', { name: 'ada' })).status).toBe(409);
    expect(bob.html).toContain('is taken');
    expect((await bob.post('/account', { name: '<x>' })).status).toBe(400);
    expect((await bob.post('/account', { name: 'bobby' })).status).toBe(303);
    // Members cannot moderate.
    await bob.get('/users/ada');
    expect((await bob.post('/users/ada/suspend', { suspended: '1' })).status).toBe(403);
    expect((await bob.post('/users/ada/role', { role: 'admin' })).status).toBe(403);
    // The admin makes bobby a curator.
    await root.get('/users/bobby');
    expect(root.html).toContain('Set role');
    expect((await root.post('/users/bobby/role', { role: 'curator' })).status).toBe(303);
    expect((await root.post('/users/bobby/role', { role: 'emperor' })).status).toBe(400);
    // The curator features a paper, hides a comment with a reason and suspends an account.
    await bob.get('/papers/date/2026-06-29');
    expect(bob.html).toContain('Feature on 2026-06-29');
    expect(
      (await bob.post('/papers/2606.00008/feature', { day: '2026-06-29', featured: '1' })).status,
    ).toBe(303);
    await bob.get('/papers/date/2026-06-29');
    expect(bob.html).toMatch(
      /<ol class="paper-list" start="1"><li><article class="paper-card" id="paper-2606.00008"/,
    );
    expect(bob.html).toContain('class="badge featured"');
    await ada.get('/papers/2606.00005');
    await ada.post('/papers/2606.00005/comments', { body: 'spam spam' });
    const commentId = (
      await t.runtime.db.kysely
        .selectFrom('comments')
        .select('id')
        .where('body', '=', 'spam spam')
        .executeTakeFirstOrThrow()
    ).id;
    await bob.get('/papers/2606.00005');
    expect(
      (await bob.post(`/comments/${commentId}/hide`, { hidden: '1', reason: '' })).status,
    ).toBe(400);
    expect(
      (await bob.post(`/comments/${commentId}/hide`, { hidden: '1', reason: 'Off <topic>' }))
        .status,
    ).toBe(303);
    const visitor = new SiteClient(t.app);
    await visitor.get('/papers/2606.00005');
    expect(visitor.html).not.toContain('spam spam');
    expect(visitor.html).toContain('A curator hid this comment: <span>Off &lt;topic&gt;</span>');
    await bob.get('/users/ada');
    expect((await bob.post('/users/ada/suspend', { suspended: '1' })).status).toBe(303);
    await ada.get('/papers/2606.00005');
    expect((await ada.post('/papers/2606.00005/comments', { body: 'let me' })).status).toBe(403);
    expect(ada.html).toContain('suspended');
    await bob.get('/users/ada');
    expect((await bob.post('/users/ada/suspend', { suspended: '0' })).status).toBe(303);
    await bob.get('/users/root');
    expect((await bob.post('/users/root/suspend', { suspended: '1' })).status).toBe(403);
  });

  it('rejects oversized bodies with 413 and unreadable ones with 400', async () => {
    await ada.get('/papers/2606.00002');
    const big = await ada.post('/papers/2606.00002/comments', { body: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(ada.html).toContain('more than Folio accepts (64 KB)');
    const broken = await ada.request('/papers/2606.00002/comments', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz', 'x-csrf-token': ada.csrf() },
      body: '--zzz\r\nnot a part',
    });
    expect(broken.status).toBe(400);
  });

  it('signs out with a POST that ends the session in the store', async () => {
    const client = new SiteClient(t.app);
    await signIn(client, sink, 'dave@example.org');
    const token = client.cookies.get('folio_session')!;
    const res = await client.post('/sign-out', {});
    expect(res.status).toBe(303);
    expect(client.cookies.has('folio_session')).toBe(false);
    await client.get('/');
    expect(client.html).toContain('href="/sign-in"');
    // The old cookie no longer signs anyone in.
    const replay = await t.app.request('/account', {
      headers: { cookie: `folio_session=${token}` },
    });
    expect(replay.status).toBe(303);
  });
});
