import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { seedSitePapers, storePapers } from '../support/seed-papers.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { SiteClient, signIn } from './site-client.ts';

/** A paper whose text is beyond Latin-1, as real author names and titles often are. */
const WIDE = {
  id: '2606.00009',
  title: 'Łukasz’s ζ-function bound — naïve but ★ tight',
  abstract: 'We bound ζ(s) for Re(s) > 1 and compare with Gödel’s method.',
  authors: ['Łukasz Żółw', 'José Núñez'],
  categories: ['cs.LG'],
  listingDate: '2026-06-30',
};

/** Pages a signed-out visitor gets from the page cache (the same document for everyone), each with a text it shows. */
const SHARED_PAGES: [string, string][] = [
  ['/', 'Łukasz Żółw'],
  ['/papers/date/2026-06-30', 'Łukasz Żółw'],
  [`/papers/${WIDE.id}`, 'Łukasz’s ζ-function bound — naïve but ★ tight'],
  // Nothing trends in this store: the page says so.
  ['/papers/trending', 'Nothing is trending yet.'],
  ['/papers?q=bound', 'Łukasz Żółw'],
  [`/authors/${encodeURIComponent(WIDE.authors[0]!)}`, 'José Núñez'],
];

describe.each(dialects)('pages shared by signed-out visitors on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url } });
    await storePapers(t.runtime.db, t.clock, [WIDE]);
    await seedSitePapers(t);
    server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.cleanup();
    await sink.close();
  });

  it('sends each cached page over HTTP as whole UTF-8 HTML with its length and security headers', async () => {
    for (const [path, shown] of SHARED_PAGES) {
      const bodies: Buffer[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type'), path).toBe('text/html; charset=UTF-8');
        expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        const body = Buffer.from(await res.arrayBuffer());
        expect(Number(res.headers.get('content-length')), path).toBe(body.length);
        bodies.push(body);
      }
      expect(bodies[1]!.equals(bodies[0]!), path).toBe(true);
      const html = bodies[0]!.toString('utf8');
      expect(html.startsWith('<!doctype html><html'), path).toBe(true);
      expect(html.endsWith('</html>'), path).toBe(true);
      // Text past Latin-1 arrives intact (no replacement characters, no mojibake).
      expect(html, path).not.toContain('\uFFFD');
      expect(html, path).toContain(shown);
    }
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(head.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await head.text()).toBe('');
  });

  it("never serves a member's page to visitors nor the visitors' page to a member", async () => {
    const ada = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
    await ada.get('/');
    const voted = await ada.post(`/papers/${WIDE.id}/upvote`, { vote: 'add', back: '/' });
    expect(voted.status).toBe(303);
    const adaToken = ada.csrf();

    for (const path of ['/', `/papers/${WIDE.id}`]) {
      const before = await (await t.app.request(path)).text();
      await ada.get(path);
      const mine = ada.html;
      const after = await (await t.app.request(path)).text();
      // The visitors' copy is the one cached before the member came, untouched by her visit.
      expect(after, path).toBe(before);
      expect(after, path).not.toContain(adaToken);
      expect(after, path).not.toContain('aria-pressed="true"');
      expect(after, path).not.toContain('Sign out');
      expect(after, path).toContain(`href="/sign-in?next=${encodeURIComponent(path)}"`);
      // The member, right after a visitor, gets her own page: her vote, her form token.
      expect(mine, path).toContain(`action="/papers/${WIDE.id}/upvote"`);
      expect(mine, path).toContain('aria-pressed="true"');
      expect(mine, path).toContain(`name="_csrf" value="${adaToken}"`);
      expect(mine, path).toContain('Sign out');
      await ada.get(path);
      expect(ada.html, path).toBe(mine);
    }
  });
});
