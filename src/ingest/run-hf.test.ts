import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { readShared, testIngestDeps } from '../../test/fixtures/ingest/recorded.ts';
import { dayPeriod } from '../domain/periods.ts';
import { listPeriod } from '../papers/daily-list.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { runHfDaily } from './run-hf.ts';
import { parseHfDailyPapers } from './sources/hf-daily.ts';

const recorded = () => readShared('hf-daily-papers', 'daily_papers.2024-10-25.json');

describe.skipIf(!hasSharedData)('Hugging Face daily papers parser', () => {
  it('reads all 29 entries: papers and their entries on the day', () => {
    const page = parseHfDailyPapers(recorded(), '2024-10-25');
    expect(page.failures).toEqual([]);
    expect(page.records).toHaveLength(29);
    expect(page.entries).toHaveLength(29);
    expect(page.entries[0]).toEqual({
      day: '2024-10-25',
      paperId: '2410.17243',
      source: 'huggingface',
      submitterName: 'ClownRat',
      submitterFullname: 'Zesen Cheng',
      submitterAvatar: 'https://huggingface.co/avatars/1b09e2742aecce1bbdc57f0c4504cf38.svg',
      sourceUpvotes: 64,
      sourceComments: 3,
      githubRepo: null,
      githubStars: null,
      // This answer predates submission times: the list's day stands in.
      listedAt: '2024-10-25T00:00:00.000Z',
      organizationName: null,
      organizationFullname: null,
      organizationAvatar: null,
      projectPage: null,
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.17243.png',
      mediaUrls: [
        'https://cdn-uploads.huggingface.co/production/uploads/65b2529285b6c21448a10d65/mw9sCBrGyt97zD4dXEem1.png',
        'https://cdn-uploads.huggingface.co/production/uploads/65b2529285b6c21448a10d65/kDx62EmHAru7gVuxdFvpN.jpeg',
        'https://cdn-uploads.huggingface.co/production/uploads/65b2529285b6c21448a10d65/YPfX3pLs2i6it5nZ_OKli.jpeg',
      ],
      aiSummary: null,
      aiKeywords: [],
    });
    expect(page.records[0]).toMatchObject({
      id: '2410.17243',
      publishedAt: '2024-10-22T17:59:30.000Z',
      authors: expect.arrayContaining(['Zesen Cheng', 'Hang Zhang']),
    });
    // Without a requested day, each entry is on the day it was posted.
    expect(new Set(parseHfDailyPapers(recorded(), null).entries.map((e) => e.day))).toEqual(
      new Set(['2024-10-25']),
    );
  });

  it('reads the fields newer answers add, and reports bad entries and bodies', () => {
    const [first, second] = JSON.parse(recorded()) as Record<string, Record<string, unknown>>[];
    first!.paper = {
      ...first!.paper,
      githubRepo: 'https://github.com/DAMO-NLP-SG/Inf-CLIP',
      githubStars: 250,
      projectPage: 'https://example.org/inf-clip',
    };
    second!.paper = { ...second!.paper, id: 'not-an-id' };
    const page = parseHfDailyPapers(JSON.stringify([first, second]), '2024-10-25');
    expect(page.records[0]).toMatchObject({
      codeRepo: 'github:DAMO-NLP-SG/Inf-CLIP',
      projectPage: 'https://example.org/inf-clip',
    });
    expect(page.entries[0]).toMatchObject({
      githubRepo: 'github:DAMO-NLP-SG/Inf-CLIP',
      githubStars: 250,
    });
    expect(page.failures).toEqual([
      { record: 'entry 2 (not-an-id)', reason: 'invalid arXiv id "not-an-id"' },
    ]);
    expect(() => parseHfDailyPapers('<html>', null)).toThrow(
      'huggingface: the daily papers answer is not JSON (an HTML or XML page)',
    );
    expect(() => parseHfDailyPapers('{"error":"Invalid date"}', null)).toThrow(
      'huggingface: the daily papers answer is not a list: Invalid date',
    );
  });
});

describe.skipIf(!hasSharedData).each(dialects)(
  'Hugging Face daily papers ingest on %s',
  (dialect) => {
    let t: TestDb;
    let server: LocalServer;
    beforeAll(async () => {
      t = await openTestDb(dialect);
      server = await startLocalServer((request) =>
        request.url === '/hf/api/daily_papers?date=2024-10-25'
          ? { status: 200, body: recorded(), headers: { 'content-type': 'application/json' } }
          : { status: 200, body: '[]' },
      );
    });
    afterAll(async () => {
      await server.close();
      await t.cleanup();
    });

    it("stores the day's papers with their submitters, upvotes and comments on the day's list", async () => {
      const report = await runHfDaily(testIngestDeps(t.db, server.url), '2024-10-25');
      expect(report).toMatchObject({ error: null, requests: 1, inserted: 29, failed: [] });
      const listed = await listPeriod(t.db, dayPeriod('2024-10-25'), { limit: 50 });
      expect(listed).toHaveLength(29);
      expect(listed[0]).toMatchObject({
        day: '2024-10-25',
        upvotes: 64,
        numComments: 3,
        submitter: { name: 'ClownRat', fullname: 'Zesen Cheng' },
      });
      expect(listed[0]!.paper.id).toBe('2410.17243');
      // Not an arXiv listing: the paper's own listing day stays unknown.
      expect((await findPaper(t.db.kysely, '2410.17243'))!.listingDate).toBeNull();
      const again = await runHfDaily(testIngestDeps(t.db, server.url), '2024-10-25');
      expect(again).toMatchObject({ inserted: 0, unchanged: 29 });
      const none = await runHfDaily(testIngestDeps(t.db, server.url), '2024-10-26');
      expect(none).toMatchObject({
        error: null,
        inserted: 0,
        notes: ['no daily papers on 2024-10-26'],
      });
    });
  },
);
