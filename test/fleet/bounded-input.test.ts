import net from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { loadConfig } from '../../src/config.ts';
import { clientAddressMiddleware, resolveClient } from '../../src/web/middleware/client-address.ts';
import { MAX_JSON_BYTES } from '../../src/web/middleware/body-size.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

const PAPER = {
  id: '2606.00001',
  title: 'Bounded input',
  abstract: 'Read nothing you did not agree to read.',
  authors: ['Ada Lovelace'],
  categories: ['cs.CR'],
  listingDate: '2026-06-30',
};

/** A body of `total` bytes that counts how much of it the server pulled. */
function countedBody(total: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        state.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe.each(dialects)('bounded, authenticated input on %s', (dialect) => {
  let t: TestRuntime;
  let token: string;
  let memberId: number;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await upsertRecords(t.runtime.db, t.clock, [PAPER], { source: 'test' });
    const member = await ensureUser(t.runtime.db, t.clock, 'writer@example.org');
    memberId = member.id;
    token = (await createApiToken(t.runtime.db, t.clock, member, 'tests')).token;
  });
  afterAll(() => t.cleanup());

  const comment = (init: RequestInit & { duplex?: 'half' }) =>
    t.app.request(`/api/v1/papers/${PAPER.id}/comments`, { method: 'POST', ...init });

  it('refuses an anonymous API write before reading a byte of its body', async () => {
    const { stream, state } = countedBody(100 * 1024 * 1024);
    const res = await comment({
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="folio"');
    expect(state.pulled).toBe(0);
  });

  it('refuses an authenticated JSON body over the limit, declared or streamed, with 413', async () => {
    const declared = await comment({
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'content-length': String(MAX_JSON_BYTES + 1),
      },
      body: 'x'.repeat(MAX_JSON_BYTES + 1),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ status: 413, code: 'body_too_large' });

    const { stream, state } = countedBody(100 * 1024 * 1024);
    const streamed = await comment({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    // Reading stopped at the limit (one chunk past it at most), not at 100 MB.
    expect(state.pulled).toBeLessThanOrEqual(MAX_JSON_BYTES + 32 * 1024);
  });

  it('bounds site forms and the one-click unsubscribe before parsing them', async () => {
    for (const path of ['/subscribe', '/digest/unsubscribe?token=x']) {
      const res = await t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `a=${'x'.repeat(70 * 1024)}`,
      });
      expect(res.status).toBe(413);
    }
  });

  it('counts API comments against the same limit as the site (10 per 10 minutes per member)', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await comment({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: `Comment ${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const eleventh = await comment({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: 'One too many' }),
    });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    // The bucket is the site's comment bucket for this member.
    const buckets = await t.runtime.db.kysely
      .selectFrom('rate_limits')
      .select(['bucket', 'hits'])
      .where('bucket', 'like', 'comment:%')
      .execute();
    expect(buckets.map((b) => [b.bucket, Number(b.hits)])).toEqual([
      [`comment:user:${memberId}`, 11],
    ]);
  });
});

describe('client addresses behind a trusted proxy', () => {
  const networks = (list: string[]) => {
    const block = new net.BlockList();
    for (const entry of list) {
      const [address, bits] = entry.split('/');
      if (bits === undefined) block.addAddress(address!);
      else block.addSubnet(address!, Number(bits));
    }
    return block;
  };

  it('believes only the socket when no proxy is trusted (the default)', () => {
    expect(loadConfig({}).trustedProxy).toEqual({ kind: 'none' });
    expect(resolveClient({ kind: 'none' }, null, '198.51.100.9', ['203.0.113.7'])).toBe(
      '198.51.100.9',
    );
  });

  it('takes the address the last trusted hop appended, ignoring what a client made up', () => {
    const one = { kind: 'hops', hops: 1 } as const;
    expect(resolveClient(one, null, '127.0.0.1', ['203.0.113.7'])).toBe('203.0.113.7');
    // A client sending its own X-Forwarded-For cannot pick its bucket: nginx appends the real one.
    expect(resolveClient(one, null, '127.0.0.1', ['1.1.1.1', '203.0.113.7'])).toBe('203.0.113.7');
    const two = { kind: 'hops', hops: 2 } as const;
    expect(resolveClient(two, null, '10.0.0.2', ['1.1.1.1', '203.0.113.7', '10.0.0.1'])).toBe(
      '203.0.113.7',
    );
    expect(resolveClient(one, null, '127.0.0.1', [])).toBe('127.0.0.1');
  });

  it('with a CIDR list, walks back past trusted proxies and trusts nothing from elsewhere', () => {
    const trust = { kind: 'networks' as const, networks: ['10.0.0.0/8', '127.0.0.1'] };
    const list = networks([...trust.networks]);
    expect(resolveClient(trust, list, '127.0.0.1', ['1.1.1.1', '203.0.113.7', '10.1.2.3'])).toBe(
      '203.0.113.7',
    );
    // Straight from the internet: the socket is the client, whatever the header says.
    expect(resolveClient(trust, list, '198.51.100.9', ['203.0.113.7'])).toBe('198.51.100.9');
  });

  it('reads FOLIO_TRUSTED_PROXY and sets the address every limit keys on', async () => {
    expect(loadConfig({ FOLIO_TRUSTED_PROXY: '1' }).trustedProxy).toEqual({
      kind: 'hops',
      hops: 1,
    });
    expect(loadConfig({ FOLIO_TRUSTED_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustedProxy).toEqual({
      kind: 'networks',
      networks: ['10.0.0.0/8', '127.0.0.1'],
    });
    expect(() => loadConfig({ FOLIO_TRUSTED_PROXY: 'everyone' })).toThrow(/FOLIO_TRUSTED_PROXY/);
    const app = new Hono();
    app.use('*', clientAddressMiddleware({ kind: 'hops', hops: 1 }));
    app.get('/', (c) => c.text(c.var.clientAddress));
    const res = await app.request('/', { headers: { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' } });
    expect(await res.text()).toBe('203.0.113.7');
  });
});
