import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { readSession, startSession } from '../../src/community/session.service.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import type { User } from '../../src/community/user.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { runFolio } from '../cli/run-folio.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

describe.each(dialects)('API token scopes on %s', (dialect) => {
  let t: TestRuntime;
  let member: User;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    member = await ensureUser(t.runtime.db, t.clock, 'scopes@example.org');
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00001',
          title: 'Scoped tokens',
          abstract: 'Read only or read and write.',
          authors: ['A B'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
  });
  afterAll(() => t.cleanup());

  const bearer = (token: string, init: RequestInit = {}) => ({
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

  it('lets a read token read and refuses every kind of write with 403 token_read_only', async () => {
    const { token } = await createApiToken(t.runtime.db, t.clock, member, 'reader', 'read');
    expect((await t.app.request('/api/v1/library', bearer(token))).status).toBe(200);
    const writes: [string, string, unknown?][] = [
      ['PUT', '/api/v1/papers/2606.00001/vote'],
      ['POST', '/api/v1/papers/2606.00001/comments', { body: 'hello' }],
      ['POST', '/api/v1/submissions', { arxivId: '2606.00001' }],
      ['PUT', '/api/v1/library/2606.00001', { status: 'to-read' }],
      ['POST', '/api/v1/collections', { name: 'c', visibility: 'private' }],
      ['POST', '/api/v1/tokens', { name: 'more', scope: 'write' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await t.app.request(
        path,
        bearer(token, { method, ...(body ? { body: JSON.stringify(body) } : {}) }),
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json(), `${method} ${path}`).toMatchObject({
        code: 'token_read_only',
        detail: expect.stringContaining('can only read') as unknown,
      });
    }
    // Nothing was written.
    expect(await t.runtime.db.kysely.selectFrom('votes').selectAll().execute()).toEqual([]);
    expect(await t.runtime.db.kysely.selectFrom('comments').selectAll().execute()).toEqual([]);
  });

  it('creates tokens of either scope through the API with a read-and-write token', async () => {
    const { token } = await createApiToken(t.runtime.db, t.clock, member, 'writer', 'write');
    const made = await t.app.request(
      '/api/v1/tokens',
      bearer(token, { method: 'POST', body: JSON.stringify({ name: 'dashboard', scope: 'read' }) }),
    );
    expect(made.status).toBe(201);
    const created = (await made.json()) as { token: string; scope: string; name: string };
    expect(created).toMatchObject({ name: 'dashboard', scope: 'read' });
    const vote = await t.app.request(
      '/api/v1/papers/2606.00001/vote',
      bearer(created.token, { method: 'PUT' }),
    );
    expect(vote.status).toBe(403);
    const bad = await t.app.request(
      '/api/v1/tokens',
      bearer(token, { method: 'POST', body: JSON.stringify({ name: 'x', scope: 'admin' }) }),
    );
    expect(bad.status).toBe(400);
    const voted = await t.app.request(
      '/api/v1/papers/2606.00001/vote',
      bearer(token, { method: 'PUT' }),
    );
    expect(await voted.json()).toEqual({ voted: true, upvotes: 1 });
  });

  it('lets a member pick the scope on /account/tokens and lists it', async () => {
    const session = await startSession(t.runtime.db, t.clock, member.id);
    const csrf = (await readSession(t.runtime.db, t.clock, session.token))!.csrf;
    const cookie = `folio_session=${session.token}`;
    const post = (fields: Record<string, string>) =>
      t.app.request('/account/tokens', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const form = await (await t.app.request('/account/tokens', { headers: { cookie } })).text();
    expect(form).toContain('<input type="radio" name="scope" value="read" checked=""/>');
    const page = await post({ name: 'notebook', scope: 'read' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Your new read only token “notebook”');
    const token = /<code class="token">(folio_[A-Za-z0-9_-]+)<\/code>/.exec(html)![1]!;
    expect(html).toMatch(/<td>notebook<\/td><td>Read only<\/td>/);
    const vote = await t.app.request(
      '/api/v1/papers/2606.00001/vote',
      bearer(token, { method: 'DELETE' }),
    );
    expect(vote.status).toBe(403);
    const refused = await post({ name: 'odd', scope: 'everything' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose the scope');
  });

  it('creates a token of the chosen scope from the command line', async () => {
    const env = { FOLIO_DATABASE_URL: t.dbUrl, FOLIO_DATA_DIR: t.dataDir };
    const result = await runFolio(
      ['user', 'token', 'scopes@example.org', '--name', 'cron job', '--scope', 'read', '--json'],
      env,
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { token: string; scope: string; name: string };
    expect(printed).toMatchObject({ name: 'cron job', scope: 'read' });
    expect((await t.app.request('/api/v1/library', bearer(printed.token))).status).toBe(200);
    const write = await t.app.request(
      '/api/v1/library/2606.00001',
      bearer(printed.token, { method: 'DELETE' }),
    );
    expect(write.status).toBe(403);
    const wrong = await runFolio(
      ['user', 'token', 'scopes@example.org', '--name', 'x', '--scope', 'all'],
      env,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--scope: expected read or write, got all');
  });
});
