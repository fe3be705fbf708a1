import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLocalServer,
  type LocalServer,
  type Reply,
} from '../../../test/support/http-server.ts';
import { SourceError } from '../sources/source-error.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createRemoteClient, fetchRemote } from './remote-fetch.ts';
import { parseRetryAfter, retryWaitMs, DEFAULT_RETRY_POLICY } from './retry-policy.ts';

describe('polite remote fetch', () => {
  let server: LocalServer;
  const script = new Map<string, Reply[]>();
  beforeAll(async () => {
    server = await startLocalServer(async (request) => {
      const replies = script.get(new URL(request.url, 'http://x').pathname) ?? [];
      const reply = replies.shift() ?? { status: 200, body: 'ok' };
      if (reply.headers?.['x-delay-ms'])
        await new Promise((r) => setTimeout(r, Number(reply.headers!['x-delay-ms'])));
      return reply;
    });
  });
  afterAll(() => server.close());

  const retries: { attempt: number; waitMs: number; reason: string }[] = [];
  const client = createRemoteClient(
    'Folio/0.1 (test)',
    { attempts: 3, backoffMs: 5, maxWaitMs: 25, timeoutMs: 5_000 },
    (info) => retries.push(info),
  );

  it('retries 503, 429 and time-outs with backoff, honouring Retry-After, then succeeds', async () => {
    retries.length = 0;
    script.set('/flaky', [{ status: 503, headers: { 'retry-after': '1' } }, { status: 429 }]);
    const response = await fetchRemote(client, 'arxiv-api', `${server.url}/flaky`);
    expect(response).toMatchObject({ status: 200, body: 'ok', invalidUtf8: false });
    // Retry-After: 1 asks for 1,000 ms, capped by the policy; then plain backoff (5 · 2¹).
    expect(retries).toMatchObject([
      { attempt: 1, waitMs: 25, reason: 'HTTP 503' },
      { attempt: 2, waitMs: 10, reason: 'HTTP 429' },
    ]);
    // Generous margins: the machine may be busy, and only the order of events matters here.
    script.set('/slow', [{ status: 200, body: 'late', headers: { 'x-delay-ms': '5000' } }]);
    retries.length = 0;
    const patient = createRemoteClient(
      'Folio/0.1 (test)',
      { attempts: 3, backoffMs: 5, maxWaitMs: 25, timeoutMs: 1_000 },
      (info) => retries.push(info),
    );
    expect((await fetchRemote(patient, 'arxiv-api', `${server.url}/slow`)).body).toBe('ok');
    expect(retries[0]?.reason).toBe('timed out after 1000 ms');
  });

  it('names the source and URL when every attempt fails, and returns other statuses as they are', async () => {
    script.set('/gone', [{ status: 404, body: 'no' }]);
    expect((await fetchRemote(client, 'x', `${server.url}/gone`)).status).toBe(404);
    script.set('/down', [{ status: 500 }, { status: 500 }, { status: 500 }]);
    const failure = fetchRemote(client, 'arxiv-oai', `${server.url}/down`);
    await expect(failure).rejects.toBeInstanceOf(SourceError);
    script.set('/down', [{ status: 500 }, { status: 500 }, { status: 500 }]);
    await expect(fetchRemote(client, 'arxiv-oai', `${server.url}/down`)).rejects.toThrow(
      /^arxiv-oai: http:\/\/127\.0\.0\.1:\d+\/down failed after 3 attempts \(HTTP 500\)$/,
    );
  });

  it('sends a User-Agent naming Folio and flags bodies that are not valid UTF-8', async () => {
    script.set('/latin1', [{ status: 200, body: Buffer.from([0x63, 0x61, 0x66, 0xe9]) }]);
    const response = await fetchRemote(client, 'arxiv-rss', `${server.url}/latin1`);
    expect(response).toMatchObject({ invalidUtf8: true, body: 'caf\ufffd' });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('Folio/0.1 (test)');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-07-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jul 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(retryWaitMs(DEFAULT_RETRY_POLICY, 3, null, now)).toBe(8_000);
    expect(retryWaitMs(DEFAULT_RETRY_POLICY, 1, '3600', now)).toBe(120_000);
  });
});

describe('rate limiter', () => {
  it('spaces every caller sharing it by the interval, even when they ask at once', async () => {
    let clock = 1_000;
    const slept: number[] = [];
    const limiter = createRateLimiter(
      3_000,
      () => clock,
      async (ms) => {
        slept.push(ms);
      },
    );
    await Promise.all([limiter.wait(), limiter.wait(), limiter.wait()]);
    expect(slept).toEqual([3_000, 6_000]);
    clock += 10_000;
    await limiter.wait();
    expect(slept).toEqual([3_000, 6_000]);
  });
});
