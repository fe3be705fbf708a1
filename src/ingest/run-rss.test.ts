import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import {
  allArchivesFeed,
  readShared,
  testIngestDeps,
} from '../../test/fixtures/ingest/recorded.ts';
import { fixedClock } from '../domain/clock.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { runListingFeeds } from './run-rss.ts';

describe.skipIf(!hasSharedData).each(dialects)('daily listing ingest on %s', (dialect) => {
  let t: TestDb;
  let server: LocalServer;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const feeds: Record<string, string> = {
      '/rss/everything': allArchivesFeed(),
      '/rss/test': readShared('arxiv-rss', 'rss-empty-test-archive-2024-11-28.xml'),
      '/rss/astroph': readShared('arxiv-rss', 'rss-error-bad-archive-2024-11-28.xml'),
    };
    server = await startLocalServer((request) => {
      const body = feeds[request.url];
      return body ? { status: 200, body } : { status: 404 };
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('stores new, cross-listed and replaced papers; a replacement keeps its first listing day', async () => {
    // 2302.08913 was first listed in February 2023; its v5 is a replacement on 2024-11-28.
    await upsertRecords(
      t.db,
      fixedClock('2023-02-20T00:00:00Z'),
      [
        {
          id: '2302.08913v1',
          title:
            'Referential communication in heterogeneous communities of pre-trained visual deep networks',
          abstract: 'First version.',
          authors: ["Mat\\'eo Mahaut"],
          categories: ['cs.CV'],
          listingDate: '2023-02-20',
        },
      ],
      { source: 'test' },
    );
    const [everything, empty, bad] = await runListingFeeds(testIngestDeps(t.db, server.url), [
      'everything',
      'test',
      'astroph',
    ]);
    expect(everything).toMatchObject({
      source: 'arxiv-rss everything',
      error: null,
      requests: 1,
      inserted: 1503,
      updated: 1,
      failed: [],
      notes: ['listing of 2024-11-28'],
    });
    expect(await findPaper(t.db.kysely, '2302.08913')).toMatchObject({
      version: 5,
      listingDate: '2023-02-20',
      license: 'http://creativecommons.org/licenses/by/4.0/',
    });
    expect(await findPaper(t.db.kysely, '2411.17700')).toMatchObject({ listingDate: '2024-11-28' });
    expect(await findPaper(t.db.kysely, '2202.06515')).toMatchObject({ listingDate: '2024-11-28' });
    expect(empty).toMatchObject({
      error: null,
      inserted: 0,
      notes: ['no listing on 2024-11-28 (no announcement that day)'],
    });
    expect(bad!.error).toMatch(/^arxiv-rss: arXiv refused the feed: Bad archive 'astroph'/);
  });

  it('skips a listing day it has stored already', async () => {
    const [again] = await runListingFeeds(testIngestDeps(t.db, server.url), ['everything']);
    expect(again).toMatchObject({
      error: null,
      requests: 1,
      inserted: 0,
      updated: 0,
      notes: ['the listing of 2024-11-28 is stored already'],
    });
  });
});
