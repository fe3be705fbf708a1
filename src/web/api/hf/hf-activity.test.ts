import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, deleteComment, hideComment } from '../../../community/comment.service.ts';
import { ensureUser } from '../../../community/user.service.ts';
import { toggleVote } from '../../../community/vote.service.ts';
import type { User } from '../../../community/user.ts';
import type { PaperRecord } from '../../../domain/paper.ts';
import { findListedPaper, listedActivityFor } from '../../../papers/listed-paper.repository.ts';
import { upsertRecords } from '../../../papers/paper.service.ts';
import { dialects } from '../../../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.ts';

// Three papers that all match the search word "quasar":
// IMPORTED was put on two days' lists by Hugging Face users and also has members' votes and comments,
// SUBMITTED was put on a list by a member, QUIET has no activity at all.
const IMPORTED = '2606.10001';
const SUBMITTED = '2606.10002';
const QUIET = '2606.10003';

const record = (id: string, title: string, day: string): PaperRecord => ({
  id,
  title,
  abstract: `We study quasar spectra with ${title.toLowerCase()}.`,
  authors: ['Ada Lovelace', 'Alan Turing'],
  categories: ['astro-ph.GA', 'cs.LG'],
  publishedAt: `${day}T09:00:00Z`,
  listingDate: day,
});

interface HfItem {
  paper: { id: string; upvotes: number; submittedOnDailyAt?: string; githubRepo?: string };
  publishedAt: string;
  numComments: number;
  submittedBy: { name: string; fullname: string };
}

describe.each(dialects)('Hugging Face–compatible search and list activity on %s', (dialect) => {
  let t: TestRuntime;
  let member: User;

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    const { db } = t.runtime;
    member = await ensureUser(db, t.clock, 'grace@example.org');
    const other = await ensureUser(db, t.clock, 'edsger@example.org');
    const curator = await ensureUser(db, t.clock, 'curator@example.org', 'curator');
    await upsertRecords(
      db,
      t.clock,
      [
        record(IMPORTED, 'Contrastive quasar ranking', '2026-06-29'),
        record(SUBMITTED, 'Sparse quasar catalogues', '2026-06-28'),
        record(QUIET, 'Quiet quasar baselines', '2026-06-27'),
      ],
      {
        source: 'test',
        entries: [
          {
            day: '2026-06-29',
            paperId: IMPORTED,
            source: 'hf-daily',
            submitterName: 'akhaliq',
            submitterFullname: 'AK',
            submitterAvatar: 'https://example.org/ak.png',
            sourceUpvotes: 7,
            sourceComments: 2,
            githubRepo: 'https://github.com/example/quasar',
          },
          {
            day: '2026-06-30',
            paperId: IMPORTED,
            source: 'hf-daily',
            submitterName: 'someone-later',
            sourceUpvotes: 9,
            sourceComments: 3,
          },
          { day: '2026-06-28', paperId: SUBMITTED, source: 'member', submittedBy: member.id },
        ],
      },
    );
    await toggleVote(db, t.clock, member, IMPORTED, true);
    await toggleVote(db, t.clock, other, IMPORTED, true);
    await toggleVote(db, t.clock, other, SUBMITTED, true);
    await addComment(db, t.clock, member, IMPORTED, 'Kept.');
    await addComment(db, t.clock, other, IMPORTED, 'Also kept.');
    const deleted = await addComment(db, t.clock, member, IMPORTED, 'Taken back.');
    await deleteComment(db, t.clock, member, deleted);
    const hidden = await addComment(db, t.clock, other, IMPORTED, 'Off topic.');
    await hideComment(db, curator, hidden, true, 'Off topic');
    await addComment(db, t.clock, member, SUBMITTED, 'My own submission.');
  });
  afterAll(() => t.cleanup());

  const getJson = async <T>(url: string) => {
    const res = await t.app.request(url);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  };

  it('reports real upvotes, comments and submitters in /api/papers/search', async () => {
    const hits = await getJson<HfItem[]>('/api/papers/search?q=quasar&limit=10');
    const byId = new Map(hits.map((h) => [h.paper.id, h]));
    expect([...byId.keys()].sort()).toEqual([IMPORTED, SUBMITTED, QUIET]);

    // 2 members' votes + the most upvotes Hugging Face reported; 2 visible comments + its 3.
    const imported = byId.get(IMPORTED)!;
    expect(imported.paper.upvotes).toBe(11);
    expect(imported.numComments).toBe(5);
    expect(imported.submittedBy).toMatchObject({ name: 'akhaliq', fullname: 'AK' });
    expect(imported.paper.githubRepo).toBe('https://github.com/example/quasar');
    expect(imported.publishedAt).toBe('2026-07-01T12:00:00.000Z');
    expect(imported.paper.submittedOnDailyAt).toBe('2026-07-01T12:00:00.000Z');

    const submitted = byId.get(SUBMITTED)!;
    expect(submitted.paper.upvotes).toBe(1);
    expect(submitted.numComments).toBe(1);
    expect(submitted.submittedBy.name).toBe(member.name);

    const quiet = byId.get(QUIET)!;
    expect(quiet.paper.upvotes).toBe(0);
    expect(quiet.numComments).toBe(0);
    expect(quiet.submittedBy.name).toBe('arxiv');
  });

  it('reports the same activity in the /api/papers list as /api/papers/{id} does', async () => {
    const page =
      await getJson<{ id: string; upvotes: number; githubRepo?: string }[]>('/api/papers?limit=10');
    expect(page.map((p) => p.id)).toEqual([IMPORTED, SUBMITTED, QUIET]);
    expect(page.map((p) => p.upvotes)).toEqual([11, 1, 0]);
    expect(page[0]!.githubRepo).toBe('https://github.com/example/quasar');
    for (const item of page) {
      const detail = await getJson<Record<string, unknown>>(`/api/papers/${item.id}`);
      const { numComments, submittedOnDailyBy, ...flat } = detail;
      expect(flat, item.id).toEqual(item);
      expect(numComments).toBe({ [IMPORTED]: 5, [SUBMITTED]: 1, [QUIET]: 0 }[item.id]);
      if (item.id === QUIET) expect(submittedOnDailyBy).toBeUndefined();
    }
  });

  it('reads many papers’ activity in one call, in the order asked, repeats included', async () => {
    const { db } = t.runtime;
    const paperOf = async (id: string) => (await findListedPaper(db, id))!.paper;
    const asked = [QUIET, IMPORTED, SUBMITTED, QUIET];
    const many = await listedActivityFor(db, await Promise.all(asked.map(paperOf)));
    expect(
      many.map((l) => [
        l.paper.id,
        l.upvotes,
        l.numComments,
        l.submitter?.name ?? null,
        l.day,
        l.githubRepo,
      ]),
    ).toEqual([
      [QUIET, 0, 0, null, '2026-06-27', null],
      [IMPORTED, 11, 5, 'akhaliq', '2026-06-29', 'https://github.com/example/quasar'],
      [SUBMITTED, 1, 1, member.name, '2026-06-28', null],
      [QUIET, 0, 0, null, '2026-06-27', null],
    ]);
    // One paper's activity is the same read.
    expect(await findListedPaper(db, IMPORTED)).toEqual(many[1]);
    expect(await findListedPaper(db, '2606.99999')).toBeNull();
    expect(await listedActivityFor(db, [])).toEqual([]);
  });
});
