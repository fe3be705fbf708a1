import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/community/rate-limit.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { signIn, SiteClient } from './site-client.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

const HOUR = 3_600_000;

describe.each(dialects)('rate limits on the site on %s', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let members = 0;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, { env: { FOLIO_SMTP_URL: sink.url } });
    await seedSitePapers(t);
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  /**
   * Moves the clock to the start of the next hour: every limit's window (a minute, ten minutes,
   * an hour) starts afresh there, so each test spends its own budget and Retry-After is exact.
   */
  function freshWindows(): void {
    const now = t.clock.now().getTime();
    t.clock.set(new Date(Math.floor(now / HOUR) * HOUR + HOUR));
  }

  /** A newly signed-in member, with fresh windows afterwards (signing in spends sign-in budget). */
  async function newMember(): Promise<SiteClient> {
    freshWindows();
    const client = new SiteClient(t.app);
    await signIn(client, sink, `member${++members}@example.org`);
    freshWindows();
    return client;
  }

  it('limits sign-in mail to 5 an hour per address, with Retry-After to the window’s end', async () => {
    freshWindows();
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    const before = sink.messages.length;
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.signInEmail.max; i++)
      statuses.push((await client.post('/sign-in', { email: 'flood@example.org' })).status);
    expect(statuses).toEqual([...Array(LIMITS.signInEmail.max).fill(200), 429]);
    expect(client.html).toContain('Too many attempts');
    expect(sink.messages).toHaveLength(before + LIMITS.signInEmail.max);
    // Another address is not held back by this one.
    expect((await client.post('/sign-in', { email: 'other@example.org' })).status).toBe(200);
    t.clock.advance(30 * 60_000);
    const held = await client.post('/sign-in', { email: 'flood@example.org' });
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe(String(30 * 60));
    t.clock.advance(30 * 60_000);
    expect((await client.post('/sign-in', { email: 'flood@example.org' })).status).toBe(200);
  });

  it('limits sign-in requests to 20 an hour per client address, whatever the addresses', async () => {
    freshWindows();
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.signInAddress.max; i++)
      statuses.push((await client.post('/sign-in', { email: `visitor${i}@example.org` })).status);
    expect(statuses).toEqual([...Array(LIMITS.signInAddress.max).fill(200), 429]);
    const res = await client.post('/sign-in', { email: 'someone.new@example.org' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3600');
  });

  it('limits votes to 120 a minute per member', async () => {
    const member = await newMember();
    const other = await newMember();
    await member.get('/papers/2606.00003');
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.vote.max; i++)
      statuses.push((await member.post('/papers/2606.00003/upvote', {})).status);
    expect(statuses).toEqual([...Array(LIMITS.vote.max).fill(303), 429]);
    expect(member.html).toContain('Too many attempts');
    // The refused vote changed nothing: 120 toggles leave the paper unvoted.
    const state = await member.post(
      '/papers/2606.00003/upvote',
      { vote: 'add' },
      { headers: { accept: 'application/json' } },
    );
    expect(state.status).toBe(429);
    expect(state.headers.get('retry-after')).toBe('60');
    // Another member still votes; the first may again once the minute has passed.
    await other.get('/papers/2606.00003');
    expect((await other.post('/papers/2606.00003/upvote', {})).status).toBe(303);
    t.clock.advance(60_000);
    await member.get('/papers/2606.00003');
    const again = await member.post(
      '/papers/2606.00003/upvote',
      { vote: 'add' },
      { headers: { accept: 'application/json' } },
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ voted: true, upvotes: 2 });
  });

  it('limits comments to 10 per 10 minutes per member', async () => {
    const member = await newMember();
    await member.get('/papers/2606.00006');
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.comment.max; i++)
      statuses.push(
        (await member.post('/papers/2606.00006/comments', { body: `comment ${i}` })).status,
      );
    expect(statuses).toEqual([...Array(LIMITS.comment.max).fill(303), 429]);
    await member.get('/papers/2606.00006');
    expect(member.html).toContain('comment 9');
    expect(member.html).not.toContain('comment 10');
    // The window passes and the member may comment again.
    t.clock.advance(10 * 60_000);
    expect((await member.post('/papers/2606.00006/comments', { body: 'later' })).status).toBe(303);
  });

  it('limits submissions to 10 an hour per member', async () => {
    const member = await newMember();
    await member.get('/submit');
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.submission.max; i++)
      statuses.push((await member.post('/submit', { paper: '2605.00100' })).status);
    // The first puts the paper on today's list; the next are duplicates; then the limit.
    expect(statuses).toEqual([303, ...Array(LIMITS.submission.max - 1).fill(409), 429]);
    expect(member.html).toContain('Too many attempts');
    t.clock.advance(HOUR);
    await member.get('/submit');
    expect((await member.post('/submit', { paper: '2605.00100' })).status).toBe(409);
  });
});
