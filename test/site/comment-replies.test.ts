import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { signIn, SiteClient } from './site-client.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

const PAPER = '2606.00004';
const OTHER = '2606.00005';

/** The HTML of the conversation (top-level comment and its replies) that holds comment `id`. */
function threadOf(html: string, id: number): string {
  const chunk = html.split('<li class="thread">').find((c) => c.includes(`id="comment-${id}"`));
  if (!chunk) throw new Error(`comment ${id} is not on the page`);
  return chunk;
}

/** Where comment `id` appears on the page. */
function at(html: string, id: number): number {
  const index = html.indexOf(`id="comment-${id}"`);
  expect(index, `comment ${id} on the page`).toBeGreaterThan(-1);
  return index;
}

describe.each(dialects)('replies to comments on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;
  let bob: SiteClient;
  let curator: SiteClient;
  let adaToken: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url } });
    await seedSitePapers(t);
    ada = new SiteClient(t.app);
    bob = new SiteClient(t.app);
    curator = new SiteClient(t.app);
    await ensureUser(t.runtime.db, t.clock, 'cara@example.org', 'curator');
    await signIn(ada, sink, 'ada@example.org');
    await signIn(bob, sink, 'bob@example.org');
    await signIn(curator, sink, 'cara@example.org');
    const member = await ensureUser(t.runtime.db, t.clock, 'ada@example.org');
    adaToken = (await createApiToken(t.runtime.db, t.clock, member, 'replies')).token;
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  /** Posts through the paper page's form, as a browser would; the clock moves past rate limits. */
  async function post(client: SiteClient, paper: string, fields: Record<string, string>) {
    t.clock.advance(11 * 60_000);
    await client.get(`/papers/${paper}`);
    return client.post(`/papers/${paper}/comments`, fields);
  }

  async function postId(client: SiteClient, paper: string, fields: Record<string, string>) {
    const res = await post(client, paper, fields);
    expect(res.status, client.html.slice(0, 400)).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/papers/${paper.replace('.', '\\.')}#comment-\\d+$`));
    return Number(location.split('-').at(-1));
  }

  function api(path: string, init: { method?: string; json?: unknown } = {}) {
    return t.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${adaToken}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
  }

  async function storedComments(): Promise<number> {
    const row = await t.runtime.db.kysely
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function parentOf(id: number): Promise<number | null> {
    const row = await t.runtime.db.kysely
      .selectFrom('comments')
      .select('parent_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.parent_id === null ? null : Number(row.parent_id);
  }

  it('shows replies posted through the site beneath their comment, oldest first', async () => {
    const first = await postId(ada, PAPER, { body: 'Does this scale to *large* graphs?' });
    const second = await postId(bob, PAPER, { body: 'A separate remark.' });
    const reply = await postId(bob, PAPER, { body: 'It does, see section 4.', parent: `${first}` });
    const later = await postId(ada, PAPER, { body: 'Thanks!', parent: `${first}` });
    expect(await parentOf(reply)).toBe(first);

    const visitor = new SiteClient(t.app);
    await visitor.get(`/papers/${PAPER}`);
    const html = visitor.html;
    expect(html).toContain('Comments (4)');
    // Conversations by their first comment's age; each reply inside its conversation, in order.
    expect(at(html, first)).toBeLessThan(at(html, reply));
    expect(at(html, reply)).toBeLessThan(at(html, later));
    expect(at(html, later)).toBeLessThan(at(html, second));
    const thread = threadOf(html, first);
    expect(thread).toContain('<ol class="reply-list" aria-label="Replies">');
    expect(thread.indexOf('class="reply-list"')).toBeLessThan(thread.indexOf(`comment-${reply}"`));
    expect(thread).toContain('<em>large</em>');
    expect(thread).toContain('It does, see section 4.');
    expect(threadOf(html, second)).not.toContain('reply-list');
    // Signed out there is nothing to reply with; signed in each conversation has its form.
    expect(html).not.toContain('name="parent"');
    await bob.get(`/papers/${PAPER}`);
    expect(threadOf(bob.html, first)).toContain('<summary>Reply</summary>');
    expect(threadOf(bob.html, first)).toContain(`name="parent" value="${first}"`);
    expect(threadOf(bob.html, first)).toContain(`<label for="reply-body-${first}">Reply to ada`);
    expect(threadOf(bob.html, second)).toContain(`name="parent" value="${second}"`);
    // The paper's comment count covers replies too.
    const detail = (await (await api(`/api/v1/papers/${PAPER}`)).json()) as {
      numComments: number;
    };
    expect(detail.numComments).toBe(4);
  });

  it('attaches a reply to a reply to the same top-level comment', async () => {
    const top = await postId(ada, PAPER, { body: 'Top of a conversation.' });
    const reply = await postId(bob, PAPER, { body: 'First answer.', parent: `${top}` });
    const nested = await postId(ada, PAPER, { body: 'Answer to the answer.', parent: `${reply}` });
    expect(await parentOf(nested)).toBe(top);
    await ada.get(`/papers/${PAPER}`);
    const thread = threadOf(ada.html, top);
    expect(thread.indexOf(`comment-${reply}"`)).toBeLessThan(thread.indexOf(`comment-${nested}"`));
    expect(thread.match(/class="reply-list"/g)).toHaveLength(1);
  });

  it('replies through the API and lists parentId', async () => {
    const top = await api(`/api/v1/papers/${PAPER}/comments`, {
      method: 'POST',
      json: { body: 'From a script.' },
    });
    expect(top.status).toBe(201);
    const topId = ((await top.json()) as { id: number }).id;
    const reply = await api(`/api/v1/papers/${PAPER}/comments`, {
      method: 'POST',
      json: { body: 'Also from a script.', parentId: topId },
    });
    expect(reply.status).toBe(201);
    const replyId = ((await reply.json()) as { id: number }).id;
    const nested = await api(`/api/v1/papers/${PAPER}/comments`, {
      method: 'POST',
      json: { body: 'Deeper.', parentId: replyId },
    });
    const nestedId = ((await nested.json()) as { id: number }).id;

    const list = (await (await api(`/api/v1/papers/${PAPER}/comments`)).json()) as {
      id: number;
      parentId: number | null;
      body: string;
    }[];
    expect(list.find((c) => c.id === topId)).toMatchObject({ parentId: null });
    expect(list.find((c) => c.id === replyId)).toMatchObject({ parentId: topId });
    expect(list.find((c) => c.id === nestedId)).toMatchObject({ parentId: topId });
    const detail = (await (await api(`/api/v1/papers/${PAPER}`)).json()) as {
      numComments: number;
    };
    expect(detail.numComments).toBe(list.length);

    t.clock.advance(60_000);
    await ada.get(`/papers/${PAPER}`);
    const thread = threadOf(ada.html, topId);
    expect(thread.indexOf(`comment-${replyId}"`)).toBeGreaterThan(-1);
    expect(thread.indexOf(`comment-${replyId}"`)).toBeLessThan(
      thread.indexOf(`comment-${nestedId}"`),
    );
  });

  it('refuses replies to unknown, deleted, hidden or other papers’ comments and stores nothing', async () => {
    const elsewhere = await postId(ada, OTHER, { body: 'On another paper.' });
    const hidden = await postId(ada, PAPER, { body: 'spam spam' });
    const hiddenReply = await postId(bob, PAPER, {
      body: 'Reply before hiding.',
      parent: `${hidden}`,
    });
    const gone = await postId(ada, PAPER, { body: 'Soon deleted.' });
    const goneReply = await postId(bob, PAPER, {
      body: 'Reply to soon deleted.',
      parent: `${gone}`,
    });
    await curator.get(`/papers/${PAPER}`);
    expect(
      (await curator.post(`/comments/${hidden}/hide`, { hidden: '1', reason: 'Spam' })).status,
    ).toBe(303);
    await ada.get(`/papers/${PAPER}`);
    expect((await ada.post(`/comments/${gone}/delete`, { confirm: '1' })).status).toBe(303);
    const before = await storedComments();

    const site = async (parent: string) =>
      (await post(bob, PAPER, { body: 'Hello', parent })).status;
    expect(await site('999999')).toBe(404);
    expect(bob.html).toContain('There is no comment 999999 to reply to.');
    expect(await site(`${gone}`)).toBe(404);
    expect(await site(`${goneReply}`)).toBe(400);
    expect(bob.html).toContain('was deleted');
    expect(await site(`${hidden}`)).toBe(400);
    expect(bob.html).toContain('A curator hid that comment');
    expect(await site(`${hiddenReply}`)).toBe(400);
    expect(await site(`${elsewhere}`)).toBe(400);
    expect(bob.html).toContain(`Comment ${elsewhere} is on another paper.`);
    expect(await site('abc')).toBe(400);
    expect(await site('-1')).toBe(400);
    expect(await site('1e3')).toBe(400);
    // Past the largest id the store can hold: unknown, not a database error.
    expect(await site('99999999999')).toBe(404);
    // Without the page's CSRF token a reply is refused like any other form.
    await bob.get(`/papers/${PAPER}`);
    expect(
      (
        await bob.post(
          `/papers/${PAPER}/comments`,
          { body: 'x', parent: `${gone}` },
          { csrf: 'no' },
        )
      ).status,
    ).toBe(403);

    const viaApi = async (parentId: unknown) => {
      const res = await api(`/api/v1/papers/${PAPER}/comments`, {
        method: 'POST',
        json: { body: 'Hello', parentId },
      });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.status;
    };
    expect(await viaApi(999999)).toBe(404);
    expect(await viaApi(gone)).toBe(404);
    expect(await viaApi(hidden)).toBe(400);
    expect(await viaApi(elsewhere)).toBe(400);
    expect(await viaApi('abc')).toBe(400);
    expect(await viaApi(1.5)).toBe(400);
    expect(await viaApi(0)).toBe(400);
    expect(await viaApi(99_999_999_999)).toBe(404);
    expect(await storedComments()).toBe(before);
  });

  it('keeps the replies of a deleted comment under a [deleted] marker', async () => {
    const top = await postId(ada, PAPER, { body: 'I will regret this.' });
    const r1 = await postId(bob, PAPER, { body: 'Reply one.', parent: `${top}` });
    const r2 = await postId(ada, PAPER, { body: 'Reply two.', parent: `${top}` });
    const lonely = await postId(ada, PAPER, { body: 'Nobody answered this.' });
    await ada.get(`/papers/${PAPER}`);
    const countBefore = Number(/Comments \((\d+)\)/.exec(ada.html)![1]);
    expect((await ada.post(`/comments/${top}/delete`, { confirm: '1' })).status).toBe(303);
    expect((await ada.post(`/comments/${lonely}/delete`, { confirm: '1' })).status).toBe(303);

    t.clock.advance(60_000);
    await bob.get(`/papers/${PAPER}`);
    expect(bob.html).toContain(`Comments (${countBefore - 2})`);
    expect(bob.html).not.toContain('I will regret this.');
    expect(bob.html).not.toContain('Nobody answered this.');
    expect(bob.html).not.toContain(`id="comment-${lonely}"`);
    const thread = threadOf(bob.html, top);
    expect(thread).toContain(
      `<div class="comment deleted-comment" id="comment-${top}"><p class="muted">[deleted]</p></div>`,
    );
    expect(thread.indexOf(`comment-${r1}"`)).toBeLessThan(thread.indexOf(`comment-${r2}"`));
    expect(thread).toContain('Reply one.');
    // A deleted comment takes no more replies, so it has no form.
    expect(thread).not.toContain('name="parent"');

    const list = (await (await api(`/api/v1/papers/${PAPER}/comments`)).json()) as {
      id: number;
      parentId: number | null;
    }[];
    expect(list.some((c) => c.id === top)).toBe(false);
    expect(list.filter((c) => c.parentId === top).map((c) => c.id)).toEqual([r1, r2]);
  });

  it('escapes hostile reply text and lets authors edit and delete replies', async () => {
    const top = await postId(bob, OTHER, { body: 'Plain question.' });
    const hostile =
      '<script>alert(1)</script> **bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)> "q" & `<b>`';
    const reply = await postId(ada, OTHER, { body: hostile, parent: `${top}` });
    t.clock.advance(60_000);
    await bob.get(`/papers/${OTHER}`);
    const thread = threadOf(bob.html, top);
    expect(thread).not.toContain('<script>alert');
    expect(thread).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(thread).toContain('<strong>bold</strong>');
    expect(thread).not.toContain('href="javascript:');
    expect(thread).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(thread).toContain('<code>&lt;b&gt;</code>');

    // Only its author edits or deletes a reply, through the same forms as comments.
    expect((await bob.post(`/comments/${reply}/edit`, { body: 'mine' })).status).toBe(403);
    expect((await bob.post('/comments/99999999999/delete', {})).status).toBe(404);
    await ada.get(`/comments/${reply}/edit`);
    expect(ada.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await ada.post(`/comments/${reply}/edit`, { body: 'Calmer _words_' })).status).toBe(
      303,
    );
    await ada.get(`/papers/${OTHER}`);
    expect(threadOf(ada.html, top)).toContain('<em>words</em>');
    expect(await parentOf(reply)).toBe(top);
    expect((await ada.post(`/comments/${reply}/delete`, { confirm: '1' })).status).toBe(303);
    await ada.get(`/papers/${OTHER}`);
    expect(ada.html).not.toContain(`id="comment-${reply}"`);
    expect(threadOf(ada.html, top)).not.toContain('reply-list');
  });
});
