import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../../src/community/user.service.ts';
import { runDigestRound } from '../../src/digest/digest-run.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { seedSitePapers } from '../support/seed-papers.ts';
import { SiteClient, signIn } from './site-client.ts';

describe.each(dialects)('a member’s digest: what they follow and For you (%s)', (dialect) => {
  let t: TestRuntime;
  let sink: SmtpSink;
  let ada: SiteClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestRuntime(dialect, {
      env: { FOLIO_SMTP_URL: sink.url, FOLIO_MAIL_RATE: '0' },
    });
    await seedSitePapers(t);
    ada = new SiteClient(t.app);
    await signIn(ada, sink, 'ada@example.org');
  });
  afterAll(async () => {
    await t.cleanup();
    await sink.close();
  });

  it('adds “From what you follow” and “For you” with their reasons, and never repeats a paper', async () => {
    const member = await ensureUser(t.runtime.db, t.clock, 'ada@example.org');
    const { library, follows } = t.runtime.personal;
    await follows.follow(member, { kind: 'author', target: 'Author 3' });
    await library.save(member, '2606.00002');
    await library.save(member, '2606.00004');

    // Subscribed while signed in: the subscription belongs to the account.
    await ada.get('/subscribe');
    expect((await ada.post('/subscribe', { email: 'ada@example.org' })).status).toBe(200);
    const before = sink.messages.length;
    const [confirmation] = (await sink.waitFor(before + 1)).slice(before);
    const link = new URL(
      /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(confirmation!.text!)![0],
    );
    await ada.get(`${link.pathname}${link.search}`);
    expect(
      (await ada.post('/subscribe/confirm', { token: link.searchParams.get('token')! })).status,
    ).toBe(303);

    t.clock.set('2026-07-02T09:00:00Z');
    const round = await runDigestRound(t.runtime);
    expect(round.built.queued).toBe(1);
    const [digest] = (await sink.waitFor(before + 2)).slice(before + 1);
    const text = digest!.text!;
    const section = (title: string) => {
      const start = text.indexOf(`${title}\n`);
      if (start < 0) return [];
      const rest = text.slice(start + title.length + 2);
      const end = rest.search(/\n[A-Z][A-Z ]+\n|\n--\n/);
      return [
        ...(end < 0 ? rest : rest.slice(0, end)).matchAll(
          /Page: \S+\/papers\/(\S+)\n?|\((.+)\)\n/g,
        ),
      ];
    };
    const following = section('FROM WHAT YOU FOLLOW');
    expect(following.map((m) => m[1] ?? m[2])).toEqual([
      'By Author 3, whom you follow',
      '2606.00003',
    ]);
    const forYou = section('FOR YOU');
    const ids = forYou.flatMap((m) => (m[1] ? [m[1]] : []));
    const reasons = forYou.flatMap((m) => (m[2] ? [m[2]] : []));
    expect(ids.length).toBe(5);
    expect(ids.some((id) => ['2606.00002', '2606.00004', '2606.00003'].includes(id))).toBe(false);
    for (const reason of reasons)
      expect(reason).toMatch(
        /^Because you saved “Diffusion transformers for sparse graphs, part [24]”$/,
      );
    expect(reasons.length).toBe(5);
    expect(digest!.html).toContain('From what you follow');
    expect(digest!.html).toContain('For you');
    // Each paper appears once in the whole message.
    const all = [...text.matchAll(/Page: \S+\/papers\/(\S+)/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);

    // The next day's digest sends none of these again.
    t.clock.set('2026-07-03T09:00:00Z');
    await runDigestRound(t.runtime);
    const later = sink.messages.slice(before + 2).map((m) => m.text ?? '');
    for (const id of [...ids, '2606.00003'])
      expect(later.some((m) => m.includes(`/papers/${id}\n`))).toBe(false);
  });
});
