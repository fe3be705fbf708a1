import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRecords } from '../papers/paper.service.ts';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { runDigestRound } from './digest-run.ts';
import { findSubscriberByEmail } from './subscriber.repository.ts';

/** A visitor with a cookie jar, posting forms the way a browser would. */
function visitor(t: TestRuntime) {
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await t.app.request(url.replace('http://localhost:3000', ''), { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  return {
    get: (url: string) => request(url),
    /** Fetches `page`, reads its CSRF field and posts `fields` to `action`. */
    async submit(page: string, action: string, fields: Record<string, string | string[]>) {
      const html = await (await request(page)).text();
      const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
      const body = new URLSearchParams({ _csrf: csrf });
      for (const [k, v] of Object.entries(fields))
        for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
      return request(action, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
  };
}

const linkIn = (mail: ParsedMail, path: string) => {
  const match = new RegExp(`https?://[^\\s<>"]+${path}\\?token=[\\w.-]+`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[0];
};
const header = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((h) => h.key === key.toLowerCase())?.line ?? '';

const paper = (id: string, day: string, title: string, categories: string[], extra = {}) => ({
  id,
  title,
  abstract: `${title}. We study this problem in depth and report results on several benchmarks, with ablations and an analysis of failure cases that goes on for a while.`,
  authors: ['Ada Lovelace', 'Alan Turing'],
  categories,
  listingDate: day,
  ...extra,
});

describe.each(dialects)('digest subscription and delivery on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  const email = 'Reader@Example.org';

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Wednesday 1 July 2026, noon UTC.
    t = await createTestRuntime(dialect, {
      env: { FOLIO_SMTP_URL: sink.url, FOLIO_MAIL_RATE: '0' },
      now: '2026-07-01T12:00:00Z',
    });
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        // The first five on the list are the trending ones; the rest match topics or nothing.
        ...Array.from({ length: 6 }, (_, i) =>
          paper(`2607.0010${i}`, '2026-07-01', `Vision paper ${i}`, ['cs.CV']),
        ),
        paper('2607.00001', '2026-07-01', 'Graph networks for chemistry', ['cs.LG']),
        paper('2607.00002', '2026-07-01', 'Parsing with transformers', ['cs.CL'], {
          codeRepo: 'github:folio/parser',
        }),
        paper('2607.00003', '2026-07-01', 'Robot hands', ['cs.RO']),
      ],
      { source: 'test' },
    );
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('subscribes with double opt-in, sends digests with list headers, and unsubscribes in one click', async () => {
    const browser = visitor(t);
    const res = await browser.submit('/subscribe', '/subscribe', {
      email,
      form: 'full',
      frequency: 'daily',
      categories: ['cs.CL', 'cs.RO'],
      keywords: 'graph',
      timeZone: 'Europe/Paris',
    });
    expect(res.status).toBe(200);
    const sentPage = await res.text();
    expect(sentPage).toContain('Check your inbox');

    const [confirmation] = await sink.waitFor(1);
    expect(confirmation!.subject).toBe('Confirm your Folio digest subscription');
    expect(confirmation!.to).toMatchObject({ value: [{ address: 'reader@example.org' }] });
    const confirmUrl = linkIn(confirmation!, '/subscribe/confirm');
    // Before confirmation nothing else is sent, even when digests are due.
    t.clock.set('2026-07-02T06:05:00Z');
    await runDigestRound(t.runtime);
    expect(sink.messages).toHaveLength(1);

    // The link shows a button; the POST confirms once.
    const confirmPage = await browser.get(confirmUrl);
    expect(confirmPage.status).toBe(200);
    const token = new URL(confirmUrl).searchParams.get('token')!;
    const confirmed = await browser.submit(confirmUrl, '/subscribe/confirm', { token });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toContain('/digest/manage?token=');
    const again = await browser.submit(confirmUrl, '/subscribe/confirm', { token });
    expect(again.status).toBe(410);

    const subscriber = await findSubscriberByEmail(t.runtime.db.kysely, 'reader@example.org');
    expect(subscriber).toMatchObject({ status: 'active', timeZone: 'Europe/Paris' });
    // Next weekday at 08:00 in Paris (06:00 UTC in summer).
    expect(subscriber!.nextDueAt).toBe('2026-07-03T06:00:00.000Z');

    // The same form for a subscribed address: the same answer, and a "manage" mail once a day.
    const repeat = await browser.submit('/subscribe', '/subscribe', { email });
    expect(await repeat.text()).toBe(sentPage);
    await sink.waitFor(2);
    expect(sink.messages[1]!.subject).toBe('Manage your Folio digest subscription');
    await browser.submit('/subscribe', '/subscribe', { email });
    expect(await t.mail.settled()).toBe(2);
    expect(sink.messages).toHaveLength(2);

    // Friday 3 July 2026, 08:05 in Paris: the digest is due.
    t.clock.set('2026-07-03T06:05:00Z');
    const round = await runDigestRound(t.runtime);
    expect(round.built.queued).toBe(1);
    expect(round.delivered?.sent).toBe(1);
    const [, , digest] = await sink.waitFor(3);
    expect(digest!.subject).toMatch(/^Folio digest: \d+ papers for Wednesday 1 July 2026$/);
    expect(header(digest!, 'content-type')).toContain('multipart/alternative');
    expect(digest!.messageId).toMatch(/^<digest\.daily\.2026-07-01\.\d+\.[0-9a-f]{12}@localhost>$/);
    expect(header(digest!, 'date')).toContain('3 Jul 2026 06:05:00');
    expect(header(digest!, 'list-id')).toContain('<digest.localhost>');
    const listUnsubscribe = header(digest!, 'list-unsubscribe');
    expect(listUnsubscribe).toMatch(
      /<http:\/\/localhost:3000\/digest\/unsubscribe\?token=[\w.-]+>/,
    );
    expect(listUnsubscribe).toMatch(/<mailto:folio@localhost\?subject=unsubscribe/);
    expect(header(digest!, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const html = digest!.html as string;
    expect(html).toContain('<meta name="color-scheme" content="light dark"');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('http://localhost:3000/papers/2607.00002');
    expect(html).toContain('https://arxiv.org/pdf/2607.00002');
    expect(html).toContain('https://github.com/folio/parser');
    expect(digest!.text).toContain('NEW IN YOUR TOPICS');
    expect(digest!.text).toContain('Graph networks for chemistry');

    // Run again: the (subscriber, period) was sent; nothing goes twice.
    t.clock.set('2026-07-06T06:05:00Z');
    const rerun = await runDigestRound(t.runtime);
    expect(rerun.delivered?.sent ?? 0).toBe(0);

    // A new day brings only papers not sent before.
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        paper('2607.00201', '2026-07-06', 'Another parsing method', ['cs.CL']),
        paper('2607.00001', '2026-07-06', 'Graph networks for chemistry', ['cs.LG']),
      ],
      { source: 'test' },
    );
    t.clock.set('2026-07-07T06:05:00Z');
    await runDigestRound(t.runtime);
    const [, , , second] = await sink.waitFor(4);
    expect(second!.text).toContain('Another parsing method');
    expect(second!.text).not.toContain('Graph networks for chemistry');
    expect(second!.text).not.toContain('Parsing with transformers');

    // The manage link works without signing in; its changes are CSRF-checked POSTs.
    const manageUrl = linkIn(second!, '/digest/manage');
    expect((await browser.get(manageUrl)).status).toBe(200);
    const forged = await t.app.request(manageUrl.replace(/token=\w+/, 'token=AAAA'));
    expect(forged.status).toBe(404);
    const noCsrf = await t.app.request(manageUrl.replace('http://localhost:3000', ''), {
      method: 'POST',
      body: new URLSearchParams({ action: 'pause' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noCsrf.status).toBe(403);
    const saved = await browser.submit(manageUrl, manageUrl, {
      action: 'save',
      frequency: 'weekly',
      timeZone: 'Asia/Tokyo',
      keywords: 'parsing',
    });
    expect(saved.status).toBe(303);
    expect(await findSubscriberByEmail(t.runtime.db.kysely, email.toLowerCase())).toMatchObject({
      frequency: 'weekly',
      timeZone: 'Asia/Tokyo',
    });

    // RFC 8058 one-click: a POST with no cookie and no CSRF token, idempotent.
    const oneClick = /<(http[^>]+)>/.exec(header(second!, 'list-unsubscribe'))![1]!;
    for (let i = 0; i < 2; i++) {
      const res2 = await t.app.request(oneClick.replace('http://localhost:3000', ''), {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res2.status).toBe(200);
    }
    expect((await findSubscriberByEmail(t.runtime.db.kysely, 'reader@example.org'))?.status).toBe(
      'unsubscribed',
    );
    t.clock.set('2026-07-20T06:05:00Z');
    const after = await runDigestRound(t.runtime);
    expect(after.built.due).toBe(0);
    expect(sink.messages).toHaveLength(4);
  });

  it('refuses addresses that could inject headers, and sends nothing for them', async () => {
    const browser = visitor(t);
    const before = sink.messages.length;
    for (const bad of [
      'victim@example.org\r\nBcc: everyone@example.org',
      'victim@example.org\nSubject: hi',
      'a@b',
      `${'x'.repeat(250)}@example.org`,
      'two@example.org, three@example.org',
    ]) {
      const res = await browser.submit('/subscribe', '/subscribe', { email: bad });
      expect(res.status).toBe(400);
    }
    expect(await t.mail.settled()).toBe(before);
    expect(sink.messages).toHaveLength(before);
  });
});
