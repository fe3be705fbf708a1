import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { personalFeedToken } from '../../src/web/feeds/personal-feed-token.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { seedSitePapers } from '../support/seed-papers.ts';
import { SiteClient, signIn } from './site-client.ts';

describe.each(dialects)('library on the site, the API and the feeds (%s)', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;
  let bob: SiteClient;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url } });
    await seedSitePapers(t);
    await t.runtime.search.keyword.idle();
    ada = new SiteClient(t.app);
    bob = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
    await signIn(bob, sink, 'bob@example.org');
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('saves from a card, collects into a private collection, and shares it by a revocable link', async () => {
    await ada.get('/papers/date/2026-06-30');
    expect(ada.html).toContain('action="/papers/2606.00002/save"');
    const saved = await ada.post('/papers/2606.00002/save', {
      save: 'add',
      back: '/papers/date/2026-06-30',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/papers/date/2026-06-30');
    await ada.get('/papers/date/2026-06-30');
    expect(ada.html).toMatch(/aria-pressed="true"[^>]*>Saved</);
    // Without the page's token nothing changes.
    expect((await ada.post('/papers/2606.00003/save', {}, { csrf: 'forged' })).status).toBe(403);

    await ada.get('/papers/2606.00001');
    const made = await ada.post('/papers/2606.00001/collect', {
      collection: 'new',
      name: 'Reading <group>',
    });
    expect(made.status).toBe(303);
    const [collection] = await t.runtime.personal.library.collections(
      await ensureUser(t.runtime.db, t.clock, 'ada@example.org'),
    );
    const page = `/collections/${collection!.id}`;
    await ada.get(page);
    expect(ada.html).toContain('Reading &lt;group&gt;');
    expect(ada.html).not.toContain('<script>alert(1)</script>');
    expect((await bob.get(page)).status).toBe(404);
    expect((await bob.get(`${page}/export.bib`)).status).toBe(404);

    await ada.post(page, { name: 'Reading <group>', visibility: 'link', description: '' });
    await ada.get(page);
    const shareUrl = /id="share-url" readonly="" value="([^"]+)"/.exec(ada.html)?.[1];
    expect(shareUrl).toMatch(/^http:\/\/localhost:3000\/shared\/[A-Za-z0-9_-]{43}$/);
    const sharedPath = new URL(shareUrl!).pathname;
    expect((await bob.get(sharedPath)).status).toBe(200);
    expect(bob.html).toContain('Reading &lt;group&gt;');
    expect((await bob.get(page)).status).toBe(404);
    await ada.post(`${page}/share-link`, {});
    expect((await bob.get(sharedPath)).status).toBe(404);

    const bib = await ada.get(`${page}/export.bib`);
    expect(bib.headers.get('content-disposition')).toBe('attachment; filename="Reading-group.bib"');
    const parsed = parseBibtex(await bib.text());
    expect(parsed.entries.map((e) => e.fields.eprint)).toEqual(['2606.00001']);
    const library = await ada.get('/library/export.ris');
    expect((await library.text()).match(/^TY {2}- /gm)?.length).toBe(2);
    expect((await ada.get('/library/export.docx')).status).toBe(400);
  });

  it('imports a BibTeX upload into a collection and lists what it could not match', async () => {
    await ada.get('/library');
    const form = new FormData();
    form.set('_csrf', ada.csrf());
    form.set('collection', 'From Zotero');
    form.set(
      'file',
      new File(
        [
          '@article{a, title={Diffusion transformers for sparse graphs, part 4}, year={2026}}\n' +
            '@misc{b, title={Something else}, eprint={2606.00005}, archivePrefix={arXiv}}\n' +
            '@book{c, title={A book Folio has never seen}}\n',
        ],
        'zotero.bib',
      ),
    );
    const res = await ada.request('/library/import', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Imported 2 of 3 references into');
    expect(html).toContain('#3: A book Folio has never seen');
    const bad = new FormData();
    bad.set('_csrf', ada.csrf());
    bad.set('file', new File(['hello'], 'x.txt'));
    const refused = await ada.request('/library/import', { method: 'POST', body: bad });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('neither BibTeX nor RIS');
  });

  it('follows a search from the search page into the Following page and the private feed', async () => {
    await bob.get('/papers?q=diffusion');
    expect(bob.html).toContain('Follow this search');
    const res = await bob.post('/follow', {
      kind: 'search',
      target: 'diffusion',
      back: '/papers?q=diffusion',
    });
    expect(res.headers.get('location')).toBe('/papers?q=diffusion');
    await bob.get('/papers?q=diffusion');
    expect(bob.html).toContain('Following ✓');
    await bob.get('/following');
    expect(bob.html).toContain('Matches your search “diffusion”');
    const bobUser = await ensureUser(t.runtime.db, t.clock, 'bob@example.org');
    const token = personalFeedToken(t.runtime.secret, bobUser.id);
    expect(bob.html).toContain(`/feeds/following/${token}.rss`);
    const feed = await t.app.request(`/feeds/following/${token}.json`);
    expect(feed.headers.get('cache-control')).toBe('private, max-age=300');
    const doc = (await feed.json()) as { items: { id: string }[] };
    expect(doc.items.map((i) => i.id).sort()).toEqual(
      [
        '2606.00002',
        '2606.00003',
        '2606.00004',
        '2606.00005',
        '2606.00006',
        '2606.00007',
        '2606.00008',
      ].map((id) => `http://localhost:3000/papers/${id}`),
    );
    expect((await t.app.request(`/feeds/following/${token}x.json`)).status).toBe(404);
  });

  it('shares a search page among signed-out visitors without mixing in a member', async () => {
    // A signed-out visitor first, so the page they get is the one kept for everyone.
    const visitor = new SiteClient(t.app);
    const q = '/papers?q=diffusion&mode=keyword';
    expect((await visitor.get(q)).status).toBe(200);
    const shared = visitor.html;
    expect(shared).toContain('href="/sign-in"');
    expect(shared).not.toContain('name="_csrf"');
    expect(shared).not.toContain('Follow this search');
    await ada.get(q);
    expect(ada.html).toContain('Follow this search');
    expect(ada.html).toContain('action="/sign-out"');
    // After a member's visit, another visitor still gets the signed-out page, unchanged.
    const other = new SiteClient(t.app);
    await other.get(q);
    expect(other.html).toBe(shared);
    expect([...other.cookies.keys()]).not.toContain('folio_csrf');
  });

  it('saves, lists and recommends through the API with a personal token', async () => {
    const carol = await ensureUser(t.runtime.db, t.clock, 'carol@example.org');
    const { token } = await createApiToken(t.runtime.db, t.clock, carol, 'script');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const put = await t.app.request('/api/v1/library/2606.00004', {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ status: 'read', note: 'cite in ch. 2' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      status: 'read',
      note: 'cite in ch. 2',
      paper: { id: '2606.00004' },
    });
    const list = (await (await t.app.request('/api/v1/library', { headers: auth })).json()) as {
      papers: { paper: { id: string } }[];
    };
    expect(list.papers.map((p) => p.paper.id)).toEqual(['2606.00004']);
    expect((await t.app.request('/api/v1/library')).status).toBe(401);
    const created = await t.app.request('/api/v1/collections', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Public picks', visibility: 'public' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const added = await t.app.request(`/api/v1/collections/${id}/papers`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ papers: ['2606.00006', 'nonsense'] }),
    });
    expect(added.status).toBe(404);
    const follow = await t.app.request('/api/v1/follows', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'category', target: 'cs.CL' }),
    });
    expect(await follow.json()).toEqual({
      kind: 'category',
      target: 'cs.CL',
      label: 'cs.CL',
      createdAt: t.clock.now().toISOString(),
    });
    const bad = await t.app.request('/api/v1/follows', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'planet', target: 'x' }),
    });
    expect(bad.status).toBe(400);
  });
});
