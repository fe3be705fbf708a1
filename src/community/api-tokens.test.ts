import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from './api-tokens.ts';
import { readSession, startSession } from './session.service.ts';
import { ensureUser } from './user.service.ts';
import type { User } from './user.ts';

describe.each(dialects)('personal API tokens on %s', (dialect) => {
  let t: TestRuntime;
  let member: User;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    member = await ensureUser(t.runtime.db, t.clock, 'tokens@example.org');
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00001',
          title: 'T',
          abstract: 'A',
          authors: ['A B'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
  });
  afterAll(() => t.cleanup());

  it('stores only the SHA-256 hash, authenticates the token, and stops it once revoked', async () => {
    const { db } = t.runtime;
    const { token, record } = await createApiToken(db, t.clock, member, '  my   script ');
    expect(record.name).toBe('my script');
    const rows = await db.kysely.selectFrom('api_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(
      crypto.createHash('sha256').update(token).digest('base64url'),
    );
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await authenticateApiToken(db, t.clock, token))?.id).toBe(member.id);
    expect(await authenticateApiToken(db, t.clock, `${token}x`)).toBeNull();
    // An id past the store's integer range is no token (404), not a database error.
    await expect(revokeApiToken(db, t.clock, member, 99_999_999_999)).rejects.toMatchObject({
      status: 404,
    });
    await revokeApiToken(db, t.clock, member, record.id);
    expect(await authenticateApiToken(db, t.clock, token)).toBeNull();
    expect(await listApiTokens(db, member)).toEqual([]);
    await expect(createApiToken(db, t.clock, member, '')).rejects.toMatchObject({ status: 400 });
    await expect(createApiToken(db, t.clock, null, 'x')).rejects.toMatchObject({ status: 401 });
  });

  it('lets a signed-in member create a token on /account/tokens (CSRF-protected), use it, and revoke it', async () => {
    const { db } = t.runtime;
    const session = await startSession(db, t.clock, member.id);
    const csrf = (await readSession(db, t.clock, session.token))!.csrf;
    const cookie = `folio_session=${session.token}`;
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect((await t.app.request('/account/tokens')).status).toBe(303);
    expect((await t.app.request('/account/tokens', form({ name: 'cli' }))).status).toBe(403);
    const created = await t.app.request('/account/tokens', form({ name: 'cli <b>', _csrf: csrf }));
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain('cli &lt;b&gt;');
    const token = /<code class="token">(folio_[A-Za-z0-9_-]+)<\/code>/.exec(html)![1]!;
    expect(html).toContain('/feeds/user/');
    const vote = await t.app.request('/api/v1/papers/2606.00001/vote', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await vote.json()).toEqual({ voted: true, upvotes: 1 });
    const page = await (await t.app.request('/account/tokens', { headers: { cookie } })).text();
    expect(page).not.toContain(token);
    const id = /action="\/account\/tokens\/(\d+)\/revoke"/.exec(page)![1]!;
    expect(page).toContain('<summary aria-label="Revoke cli &lt;b&gt;">Revoke</summary>');
    // Without the confirmation, revoking only asks; the token keeps working.
    const asked = await t.app.request(`/account/tokens/${id}/revoke`, form({ _csrf: csrf }));
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('<h1>Revoke token</h1>');
    expect(question).toContain('Revoke the token &quot;cli &lt;b&gt;&quot;?');
    expect(question).toContain('<input type="hidden" name="confirm" value="1"/>');
    const stillVoting = await t.app.request('/api/v1/papers/2606.00001/vote', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stillVoting.status).toBe(200);
    expect(
      (await t.app.request(`/account/tokens/999999/revoke`, form({ _csrf: csrf }))).status,
    ).toBe(404);
    expect(
      (await t.app.request(`/account/tokens/${id}/revoke`, form({ _csrf: csrf, confirm: '1' })))
        .status,
    ).toBe(303);
    const after = await t.app.request('/api/v1/papers/2606.00001/vote', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });
});
