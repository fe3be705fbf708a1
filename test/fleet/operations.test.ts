import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/community/session.service.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { listOutboxFiles, readOutboxFile } from '../../src/mail/outbox-folder.ts';
import { createLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { openRuntime } from '../../src/services.ts';
import { createApp } from '../../src/web/app.ts';
import { dialects, openTestDb } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SiteClient } from '../site/site-client.ts';

const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
];

/** A pino logger writing into an array of parsed lines. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines, raw: () => raw };
}

function listen(app: ReturnType<typeof createApp>): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

describe.each(dialects)('operations on %s', (dialect) => {
  let t: TestRuntime;
  let https: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    https = await createTestRuntime(dialect, {
      search: 'keyword',
      env: { FOLIO_BASE_URL: 'https://papers.example.org' },
    });
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00001',
          title: 'Operating a paper site',
          abstract: 'Logs, metrics and headers.',
          authors: ['Ada Lovelace'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
  });
  afterAll(async () => {
    await t.cleanup();
    await https.cleanup();
  });

  it('sends HSTS only when the public address is https', async () => {
    const secure = await https.app.request('/');
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const plain = await t.app.request('/');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it("answers HEAD over HTTP with GET's security headers and no body", async () => {
    const { server, url } = await listen(https.app);
    try {
      for (const path of [
        '/',
        '/papers/trending',
        '/healthz',
        '/feeds/daily.rss',
        '/static/site.css',
        '/api/v1/search?q=paper',
        '/no-such-page',
      ]) {
        const get = await fetch(url + path);
        await get.arrayBuffer();
        const head = await fetch(url + path, { method: 'HEAD' });
        expect(head.status, path).toBe(get.status);
        expect(await head.text(), path).toBe('');
        for (const name of [...SECURITY_HEADERS, 'strict-transport-security']) {
          expect(get.headers.get(name), `${path} GET ${name}`).not.toBeNull();
          expect(head.headers.get(name), `${path} HEAD ${name}`).toBe(get.headers.get(name));
        }
        expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      }
    } finally {
      server.close();
    }
  });

  it('logs one line per request with method, route pattern, status and ms, and no query text', async () => {
    const capture = capturingLogger();
    const app = createApp({ ...t.runtime, logger: capture.logger });
    await app.request('/papers/2606.00001');
    await app.request('/papers?q=private+words&token=folio_secretvalue');
    await app.request('/no/such/page?token=abc123');
    const requests = capture.lines.filter((l) => l.msg === 'request');
    expect(requests.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'GET', route: '/papers/:id', status: 200 },
      { method: 'GET', route: '/papers', status: 200 },
      { method: 'GET', route: '*', status: 404 },
    ]);
    for (const line of requests) expect(typeof line.ms).toBe('number');
    expect(capture.raw()).not.toContain('private');
    expect(capture.raw()).not.toContain('secretvalue');
    expect(capture.raw()).not.toContain('abc123');
  });

  it('never shows a live link token in the admin outbox', async () => {
    const visitor = new SiteClient(t.app);
    await visitor.get('/sign-in');
    expect((await visitor.post('/sign-in', { email: 'reader@example.org' })).status).toBe(200);
    const dir = t.runtime.mailer.outboxDir!;
    const [file] = listOutboxFiles(dir, 10).filter((f) => f.to === 'reader@example.org');
    const raw = readOutboxFile(dir, file!.name)!;
    const token = /token=(?:3D)?([A-Za-z0-9_-]{20,})/.exec(raw.replace(/=\r?\n/g, ''))![1]!;
    const admin = await t.runtime.db.kysely
      .insertInto('users')
      .returning('id')
      .values({ email: 'root@example.org', name: 'root', role: 'admin', created_at: 'x' })
      .executeTakeFirstOrThrow();
    const session = await startSession(t.runtime.db, t.clock, admin.id);
    const cookie = `folio_session=${session.token}`;
    const page = await t.app.request('/admin/outbox', { headers: { cookie } });
    expect(await page.text()).toContain(file!.name);
    const shown = await t.app.request(`/admin/outbox/${file!.name}`, { headers: { cookie } });
    expect(shown.status).toBe(200);
    const text = await shown.text();
    expect(text).toContain('To: reader@example.org');
    expect(text).toContain('/sign-in/verify?token=[redacted]');
    expect(text).not.toContain(token);
    // The link still works for its recipient: the token is only hidden from the page.
    const verify = await t.app.request(`/sign-in/verify?token=${token}`);
    expect(verify.status).toBe(200);
  });
});

describe.each(dialects)('start-up on %s', (dialect) => {
  it.each([
    [undefined, dialect === 'postgres'],
    ['s'.repeat(40), false],
  ])('FOLIO_SECRET=%s: warns about a missing secret: %s', async (secret, warns) => {
    const test = await openTestDb(dialect);
    const capture = capturingLogger();
    const config = loadConfig({
      FOLIO_DATABASE_URL: test.url,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      ...(secret ? { FOLIO_SECRET: secret } : {}),
    });
    const runtime = await openRuntime(config, {
      db: test.db,
      logger: capture.logger,
      clock: fixedClock('2026-07-01T12:00:00Z'),
      serving: true,
    });
    try {
      const warnings = capture.lines.filter(
        (l) => l.level === 40 && String(l.msg).startsWith('FOLIO_SECRET is not set'),
      );
      expect(warnings).toHaveLength(warns ? 1 : 0);
    } finally {
      await runtime.search.close();
      runtime.mailer.close();
      await test.cleanup();
    }
  });
});
