import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRecords } from '../papers/paper.service.ts';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';

describe.each(dialects)('web app basics on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00001',
          title: 'A <b>bold</b> & "quoted" title',
          abstract: 'x < y',
          authors: ['Ann <script>'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
  });
  afterAll(() => t.cleanup());

  it('answers health and readiness', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const ready = await t.app.request('/readyz');
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      search: { keyword: expect.stringMatching(/^(ready|indexing|full-text)$/), semantic: 'off' },
    });
  });

  it('lists the latest day with every user-controlled string escaped and security headers set', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title');
    expect(html).not.toContain('<script>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown addresses with 404: HTML for browsers, problem+json for the API', async () => {
    const page = await t.app.request('/nowhere');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await t.app.request('/api/nowhere');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(await api.json()).toMatchObject({ status: 404, title: 'Not found' });
  });
});
