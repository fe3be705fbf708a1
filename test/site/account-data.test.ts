import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { countUpvotes } from '../../src/community/vote.repository.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { seedSitePapers } from '../support/seed-papers.ts';
import { SiteClient, signIn } from './site-client.ts';

interface AccountExport {
  format: string;
  profile: { email: string; name: string };
  saves: { paperId: string; note: string | null; status: string }[];
  collections: { name: string; visibility: string; papers: { paperId: string }[] }[];
  follows: { kind: string; target: string }[];
  votes: { paperId: string }[];
  comments: { paperId: string; parentId: number | null; body: string }[];
  digestSubscriptions: { email: string; status: string; frequency: string }[];
  apiTokens: { name: string; scope: string; revokedAt: string | null }[];
}

describe.each(dialects)('account export and deletion (%s)', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;
  let bob: SiteClient;
  let adaToken: string;
  let bobToken: string;
  let adaComment: string;
  const member = (email: string) => ensureUser(t.runtime.db, t.clock, email);
  const commentOn = async (client: SiteClient, paper: string, body: string, parent?: string) => {
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
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url }, search: 'keyword' });
    await seedSitePapers(t);
    ada = new SiteClient(t.app);
    bob = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
    await signIn(bob, sink, 'bob@example.org');
    const { library, follows } = t.runtime.personal;
    const adaUser = await member('ada@example.org');
    await library.save(adaUser, '2606.00002', { status: 'read', note: 'Read with <care>' });
    const shelf = await library.createCollection(adaUser, { name: 'Shelf', visibility: 'public' });
    await library.addToCollection(adaUser, shelf.id, ['2606.00003']);
    await follows.follow(adaUser, { kind: 'author', target: 'Author 5' });
    await follows.follow(await member('bob@example.org'), {
      kind: 'collection',
      target: String(shelf.id),
    });
    await ada.get('/papers/2606.00004');
    expect((await ada.post('/papers/2606.00004/upvote', { vote: 'add' })).status).toBe(303);
    await bob.get('/papers/2606.00004');
    expect((await bob.post('/papers/2606.00004/upvote', { vote: 'add' })).status).toBe(303);
    adaComment = await commentOn(ada, '2606.00002', 'My own words, @bob');
    await commentOn(bob, '2606.00002', 'A reply to Ada', adaComment);
    await commentOn(ada, '2606.00003', 'A lonely remark');
    await ada.get('/subscribe');
    expect((await ada.post('/subscribe', { email: 'ada@example.org' })).status).toBe(200);
    adaToken = (await createApiToken(t.runtime.db, t.clock, adaUser, 'laptop')).token;
    bobToken = (
      await createApiToken(t.runtime.db, t.clock, await member('bob@example.org'), 'script')
    ).token;
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('exports everything of the account as one JSON file, without secrets', async () => {
    const res = await ada.get('/account/export.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="folio-account-ada-2026-07-01.json"',
    );
    const text = await res.text();
    const data = JSON.parse(text) as AccountExport;
    expect(data.format).toBe('folio-account/1');
    expect(data.profile).toMatchObject({ email: 'ada@example.org', name: 'ada' });
    expect(data.saves.map((s) => [s.paperId, s.status, s.note])).toEqual([
      ['2606.00002', 'read', 'Read with <care>'],
      ['2606.00003', 'to_read', null],
    ]);
    expect(
      data.collections.map((c) => [c.name, c.visibility, c.papers.map((p) => p.paperId)]),
    ).toEqual([['Shelf', 'public', ['2606.00003']]]);
    expect(data.follows).toMatchObject([{ kind: 'author', target: 'Author 5' }]);
    expect(data.votes.map((v) => v.paperId)).toEqual(['2606.00004']);
    expect(data.comments.map((c) => [c.paperId, c.parentId, c.body])).toEqual([
      ['2606.00002', null, 'My own words, @bob'],
      ['2606.00003', null, 'A lonely remark'],
    ]);
    expect(data.digestSubscriptions).toMatchObject([
      { email: 'ada@example.org', status: 'pending', frequency: 'daily' },
    ]);
    expect(data.apiTokens).toMatchObject([{ name: 'laptop', scope: 'write', revokedAt: null }]);
    expect(text).not.toContain(adaToken);
    expect(text).not.toMatch(/token_hash|manage_key|share_token|csrf/i);
    // The same document over the API.
    const api = await t.app.request('/api/v1/me/export', {
      headers: { authorization: `Bearer ${adaToken}` },
    });
    const viaApi = (await api.json()) as AccountExport & { exportedAt: string };
    // Using the token is recorded, and the export says so.
    expect(viaApi.apiTokens).toMatchObject([
      { name: 'laptop', lastUsedAt: '2026-07-01T12:00:00.000Z' },
    ]);
    expect({ ...viaApi, exportedAt: '', apiTokens: [] }).toEqual({
      ...data,
      exportedAt: '',
      apiTokens: [],
    });
  });

  it('deletes the account only when confirmed, keeping conversations as “[deleted]”', async () => {
    await ada.get('/account');
    expect((await ada.post('/account/delete', { confirm: 'ada' }, { csrf: 'forged' })).status).toBe(
      403,
    );
    const wrong = await ada.post('/account/delete', { confirm: 'bob' });
    expect(wrong.status).toBe(400);
    expect(ada.html).toContain('To delete your account, type your name (ada) to confirm.');
    expect(await countUpvotes(t.runtime.db.kysely, '2606.00004')).toBe(2);

    const oldSession = ada.cookies.get('folio_session')!;
    const done = await ada.post('/account/delete', { confirm: ' ADA ' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/?account=deleted');
    expect(ada.cookies.has('folio_session')).toBe(false);

    // Signed out everywhere: the old session and the API token no longer work.
    const again = await t.app.request('/account', {
      headers: { cookie: `folio_session=${oldSession}` },
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/sign-in?next=%2Faccount');
    expect(
      (await t.app.request('/api/v1/library', { headers: { authorization: `Bearer ${adaToken}` } }))
        .status,
    ).toBe(401);
    // Votes removed, counts follow.
    expect(await countUpvotes(t.runtime.db.kysely, '2606.00004')).toBe(1);
    // The comment Bob answered shows as "[deleted]" with Bob's reply; the other one is gone.
    await bob.get('/papers/2606.00002');
    expect(bob.html).toContain(`id="comment-${adaComment}"`);
    expect(bob.html).toContain('[deleted]');
    expect(bob.html).toContain('A reply to Ada');
    expect(bob.html).not.toContain('My own words');
    await bob.get('/papers/2606.00003');
    expect(bob.html).not.toContain('A lonely remark');
    // Nothing personal is left: library, collections (and follows of them), follows,
    // subscriptions, the address and the name.
    const db = t.runtime.db.kysely;
    const left = async (table: 'library_saves' | 'collections' | 'follows' | 'api_tokens') =>
      (await db.selectFrom(table).select('user_id').execute()).map((r) => r.user_id);
    const bobId = (await member('bob@example.org')).id;
    expect(await left('library_saves')).toEqual([]);
    expect(await left('collections')).toEqual([]);
    expect(await left('follows')).toEqual([]);
    expect(await left('api_tokens')).toEqual([bobId]);
    expect(await db.selectFrom('subscribers').select('email').execute()).toEqual([]);
    expect(
      await db.selectFrom('users').select('id').where('email', '=', 'ada@example.org').execute(),
    ).toEqual([]);
    expect(
      (await db.selectFrom('comments').select('body').where('user_id', '!=', bobId).execute()).map(
        (r) => r.body,
      ),
    ).toEqual(['', '']);
    // Signing in again with the address starts a new, empty account.
    const fresh = await member('ada@example.org');
    expect(await t.runtime.personal.library.saved(fresh)).toEqual([]);
  });

  it('deletes an account over the API with the member’s name as confirmation', async () => {
    const auth = { authorization: `Bearer ${bobToken}`, 'content-type': 'application/json' };
    const wrong = await t.app.request('/api/v1/me', {
      method: 'DELETE',
      headers: auth,
      body: JSON.stringify({ confirm: 'ada' }),
    });
    expect(wrong.status).toBe(400);
    const gone = await t.app.request('/api/v1/me', {
      method: 'DELETE',
      headers: auth,
      body: JSON.stringify({ confirm: 'bob' }),
    });
    expect(gone.status).toBe(204);
    expect((await t.app.request('/api/v1/me/export', { headers: auth })).status).toBe(401);
    expect(await countUpvotes(t.runtime.db.kysely, '2606.00004')).toBe(0);
    // Bob's reply was the last live comment on the paper: the page now shows none.
    const visitor = new SiteClient(t.app);
    await visitor.get('/papers/2606.00002');
    expect(visitor.html).not.toContain('A reply to Ada');
    expect(visitor.html).toContain('Comments (0)');
  });
});
