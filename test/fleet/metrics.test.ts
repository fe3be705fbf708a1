import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { insertOutbox } from '../../src/digest/outbox.repository.ts';
import { insertSubscriber } from '../../src/digest/subscriber.repository.ts';
import { runTick, type Job } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

function listen(t: TestRuntime): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

/** The value of one sample line of the exposition text, or null when it is absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

async function queueDigest(t: TestRuntime, email: string, status: string) {
  const subscriber = await insertSubscriber(t.runtime.db.kysely, {
    email,
    status: 'active',
    frequency: 'daily',
    categories: '[]',
    keywords: '[]',
    query: null,
    time_zone: 'UTC',
    user_id: null,
    manage_key: 'k',
    next_due_at: '2026-07-01T08:00:00.000Z',
    created_at: '2026-06-01T00:00:00.000Z',
    updated_at: '2026-06-01T00:00:00.000Z',
    confirmed_at: '2026-06-01T00:00:00.000Z',
  });
  await insertOutbox(t.runtime.db.kysely, {
    subscriber_id: subscriber!,
    period_key: '2026-07-01',
    status,
    to_address: email,
    message_id: `<${email}>`,
    subject: 'Folio digest',
    body_html: '<p>x</p>',
    body_text: 'x',
    paper_count: 1,
    next_attempt_at: '2026-07-01T08:00:00.000Z',
    claimed_at: null,
    sent_at: null,
    last_error: null,
    smtp_response: null,
    created_at: '2026-07-01T08:00:00.000Z',
  });
}

describe.each(dialects)('/metrics on %s', (dialect) => {
  let t: TestRuntime | undefined;
  let server: ServerType | undefined;
  afterEach(async () => {
    server?.close();
    await t?.cleanup();
    t = server = undefined;
  });

  it('serves requests by route and status, job runs, search state and outbox counts to a local scraper', async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00001',
          title: 'Counting requests',
          abstract: 'Metrics.',
          authors: ['A B'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
    await queueDigest(t, 'one@example.org', 'sent');
    await queueDigest(t, 'two@example.org', 'sent');
    await queueDigest(t, 'three@example.org', 'pending');
    const job = (name: string, run: () => Promise<void>): Job => ({
      name,
      schedule: '* * * * *',
      run,
    });
    const observe = t.runtime.metrics.observeTick;
    await runTick(
      t.runtime.ops.jobs,
      silentLogger,
      job('ingest', async () => {}),
      't1',
      'a',
      observe,
    );
    await runTick(
      t.runtime.ops.jobs,
      silentLogger,
      job('ingest', async () => {}),
      't1',
      'b',
      observe,
    );
    const fail = job('digest', () => Promise.reject(new Error('smtp down')));
    await runTick(t.runtime.ops.jobs, silentLogger, fail, 't1', 'a', observe);

    const up = await listen(t);
    server = up.server;
    for (let i = 0; i < 3; i++) await (await fetch(`${up.url}/papers/2606.00001`)).text();
    await (await fetch(`${up.url}/papers/2606.99999`)).text();
    await (await fetch(`${up.url}/nothing/here?token=secret`)).text();

    const res = await fetch(`${up.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const count = (route: string, status: number) =>
      sample(
        text,
        `folio_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`,
      );
    expect(count('/papers/:id', 200)).toBe(3);
    expect(count('/papers/:id', 404)).toBe(1);
    expect(count('*', 404)).toBe(1);
    expect(text).not.toContain('secret');
    expect(
      sample(
        text,
        'folio_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/papers/:id",status="200"}',
      ),
    ).toBe(3);
    expect(sample(text, 'folio_job_runs_total{job="ingest",outcome="ok"}')).toBe(1);
    expect(sample(text, 'folio_job_runs_total{job="ingest",outcome="claimed-elsewhere"}')).toBe(1);
    expect(sample(text, 'folio_job_runs_total{job="digest",outcome="failed"}')).toBe(1);
    const { keyword, semantic } = t.runtime.search.status();
    expect(sample(text, `folio_search_keyword_state{state="${keyword}"}`)).toBe(1);
    expect(sample(text, `folio_search_semantic_state{state="${semantic}"}`)).toBe(1);
    expect(sample(text, 'folio_search_semantic_state{state="failed"}')).toBe(0);
    expect(sample(text, 'folio_digest_outbox{status="sent"}')).toBe(2);
    expect(sample(text, 'folio_digest_outbox{status="pending"}')).toBe(1);
  });

  it('refuses requests through a proxy without a token, and any request without the configured token', async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    const up = await listen(t);
    server = up.server;
    const proxied = await fetch(`${up.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9', accept: 'application/json' },
    });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ code: 'metrics_local_only' });
    server.close();
    await t.cleanup();

    const token = 'scrape-me-0123456789';
    t = await createTestRuntime(dialect, {
      search: 'keyword',
      env: { FOLIO_METRICS_TOKEN: token },
    });
    const again = await listen(t);
    server = again.server;
    expect((await fetch(`${again.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${again.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-me-0123456788' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${again.url}/metrics`, {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# TYPE folio_http_request_duration_seconds histogram');
  });
});
