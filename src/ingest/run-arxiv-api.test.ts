import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer, type Reply } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { apiReplay, testIngestDeps } from '../../test/fixtures/ingest/recorded.ts';
import { countPapers, findPaper } from '../papers/paper.repository.ts';
import { runArxivApi } from './run-arxiv-api.ts';

describe.skipIf(!hasSharedData).each(dialects)('arXiv API ingest on %s', (dialect) => {
  let t: TestDb;
  let server: LocalServer;
  // Tests may replace the answer for a path; otherwise the recorded answers are replayed.
  const override = new Map<string, (url: string) => Reply | null>();
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const replay = apiReplay();
    server = await startLocalServer((request) => {
      for (const answer of override.values()) {
        const reply = answer(request.url);
        if (reply) return reply;
      }
      return replay(request.url);
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });
  const deps = () => testIngestDeps(t.db, server.url);
  const starts = (from: number) =>
    server.requests.slice(from).map((r) => new URL(r.url, server.url).searchParams.get('start'));

  it('pages through a query with start/max_results and stops at max', async () => {
    const report = await runArxivApi(deps(), {
      query: { query: 'testing' },
      max: 60,
      pageSize: 10,
    });
    expect(report).toMatchObject({
      error: null,
      requests: 6,
      inserted: 60,
      updated: 0,
      failed: [],
    });
    expect(starts(0)).toEqual(['0', '10', '20', '30', '40', '50']);
    expect(await countPapers(t.db.kysely)).toBe(60);
  });

  it('stops early when a whole page is already stored unchanged', async () => {
    const before = server.requests.length;
    const report = await runArxivApi(deps(), {
      query: { query: 'testing' },
      max: 60,
      pageSize: 10,
    });
    expect(report).toMatchObject({ error: null, requests: 1, inserted: 0, unchanged: 10 });
    expect(report.notes).toEqual(['stopped early: results 0–9 were all stored already']);
    expect(starts(before)).toEqual(['0']);
  });

  it('resumes an interrupted query at the page after the last one stored', async () => {
    const fresh = await openTestDb(dialect);
    try {
      override.set('fail', (url) => (url.includes('start=30') ? { status: 503 } : null));
      const before = server.requests.length;
      const query = { query: 'testing' };
      const cut = await runArxivApi(testIngestDeps(fresh.db, server.url), {
        query,
        max: 60,
        pageSize: 10,
      });
      expect(cut.error).toMatch(/^arxiv-api: .*start=30.* failed after 2 attempts \(HTTP 503\)$/);
      expect(cut.inserted).toBe(30);
      override.clear();
      const middle = server.requests.length;
      const rest = await runArxivApi(testIngestDeps(fresh.db, server.url), {
        query,
        max: 30,
        pageSize: 10,
      });
      expect(rest).toMatchObject({ error: null, inserted: 30, notes: ['resumed at result 30'] });
      expect(starts(before).slice(0, 3)).toEqual(['0', '10', '20']);
      expect(starts(middle)).toEqual(['30', '40', '50']);
      expect(await countPapers(fresh.db.kysely)).toBe(60);
    } finally {
      override.clear();
      await fresh.cleanup();
    }
  });

  it('reports broken bodies as errors naming the source, and bad records one by one', async () => {
    override.set('html', (url) =>
      url.includes('id_list=2104.12255v1')
        ? {
            status: 200,
            body: '<!DOCTYPE html><html><head><title>Bad Gateway</title></head></html>',
          }
        : null,
    );
    const html = await runArxivApi(deps(), { query: { ids: ['2104.12255v1'] } });
    // An HTML page with status 200 is retried like a 5xx, and every request is counted.
    expect(html.error).toMatch(
      /^arxiv-api: .*id_list=2104\.12255v1.* failed after 2 attempts \(an HTML page instead of Atom \("Bad Gateway"\)\)$/,
    );
    expect(html.requests).toBe(2);
    const recorded = apiReplay()(
      'http://x/api/query?search_query=&id_list=1707.08567&start=0&max_results=100',
    ).body;
    override.set('cut', (url) =>
      url.includes('id_list=1707.08567') ? { status: 200, body: recorded.slice(0, 1500) } : null,
    );
    const cut = await runArxivApi(deps(), { query: { ids: ['1707.08567'] } });
    expect(cut.error).toMatch(
      /^arxiv-api: .* failed after 2 attempts \(a truncated Atom feed \(no closing <\/feed>\)\)$/,
    );
    expect(cut.requests).toBe(2);
    expect(await findPaper(t.db.kysely, '1707.08567')).toBeNull();

    const page = apiReplay()(
      'http://x/api/query?search_query=testing&id_list=&start=0&max_results=10',
    ).body;
    const entries = page.split('<entry>');
    entries[1] = entries[1]!.replace(/<id>[^<]*<\/id>/, '<id>http://arxiv.org/abs/1234.5678</id>');
    entries[2] = entries[2]!.replace(/<title>[^<]*<\/title>/, '<title>  </title>');
    entries[3] = entries[3]!.replace(
      /<summary>[^<]*<\/summary>/,
      `<summary>${'y'.repeat(200_000)}</summary>`,
    );
    entries[4] = entries[4]!.replace(/<title>/, '<title>@@BAD@@');
    const [head, tail] = entries.join('<entry>').split('@@BAD@@');
    const body = Buffer.concat([Buffer.from(head!), Buffer.from([0xff, 0xfe]), Buffer.from(tail!)]);
    override.set('bad', (url) =>
      url.includes('id_list=2401.00001') ? { status: 200, body } : null,
    );
    const bad = await runArxivApi(deps(), { query: { ids: ['2401.00001'] }, max: 10 });
    override.clear();
    expect(bad.error).toBeNull();
    const idOf = (entry: string) =>
      /<id>http:\/\/arxiv.org\/abs\/(.+?)(v\d+)?<\/id>/.exec(entry)![1];
    expect(bad.failed).toEqual([
      {
        source: 'arxiv-api',
        record: 'entry 1 (http://arxiv.org/abs/1234.5678)',
        reason: 'invalid arXiv id "http://arxiv.org/abs/1234.5678"',
      },
      {
        source: 'arxiv-api',
        record: `entry 3 (${idOf(entries[3]!)})`,
        reason: 'abstract is 200000 characters (more than 100000)',
      },
      {
        source: 'arxiv-api',
        record: `entry 4 (${idOf(entries[4]!)})`,
        reason: 'title contains bytes that are not valid UTF-8',
      },
      {
        source: 'arxiv-api',
        record: `entry 2 (${idOf(entries[2]!)})`,
        reason: `${idOf(entries[2]!)}: empty title`,
      },
    ]);
    // The other six of the page were stored (unchanged: the first test stored them already).
    expect(bad.inserted + bad.updated + bad.unchanged).toBe(6);
  });

  it('asks again for a spurious empty page, a truncated feed or an HTML 200, counting every request', async () => {
    const fresh = await openTestDb(dialect);
    try {
      const recorded = (start: number) =>
        apiReplay()(
          `http://x/api/query?search_query=testing&id_list=&start=${start}&max_results=10`,
        ).body;
      // What arXiv sometimes answers mid-query: the feed with its total and no entries.
      const empty = recorded(20).replace(/<entry>[\s\S]*<\/entry>\s*/g, '');
      expect(empty).toContain('<opensearch:totalResults>214881</opensearch:totalResults>');
      let emptyLeft = 2;
      let cutLeft = 1;
      let htmlLeft = 1;
      override.set('flaky', (url) => {
        const start = new URL(url, 'http://x').searchParams.get('start');
        if (start === '20' && emptyLeft > 0) return (emptyLeft--, { status: 200, body: empty });
        if (start === '10' && cutLeft > 0)
          return (cutLeft--, { status: 200, body: recorded(10).slice(0, 4000) });
        if (start === '30' && htmlLeft > 0)
          return (htmlLeft--, { status: 200, body: '<html><title>Oops</title></html>' });
        return null;
      });
      const before = server.requests.length;
      const report = await runArxivApi(testIngestDeps(fresh.db, server.url), {
        query: { query: 'testing' },
        max: 40,
        pageSize: 10,
      });
      expect(report).toMatchObject({ error: null, inserted: 40, requests: 8 });
      expect(starts(before)).toEqual(['0', '10', '10', '20', '20', '20', '30', '30']);
      expect(await countPapers(fresh.db.kysely)).toBe(40);
    } finally {
      override.clear();
      await fresh.cleanup();
    }
  });

  it('never marks a query done at an empty page that stays empty: it stops and resumes there', async () => {
    const fresh = await openTestDb(dialect);
    try {
      const empty = apiReplay()(
        'http://x/api/query?search_query=testing&id_list=&start=20&max_results=10',
      ).body.replace(/<entry>[\s\S]*<\/entry>\s*/g, '');
      override.set('empty', (url) =>
        url.includes('start=20') ? { status: 200, body: empty } : null,
      );
      const query = { query: 'testing' };
      const stuck = await runArxivApi(testIngestDeps(fresh.db, server.url), {
        query,
        max: 40,
        pageSize: 10,
      });
      expect(stuck.error).toBe(
        'arxiv-api: arXiv answered an empty page at result 20 of 214881 4 times; the query resumes there next run',
      );
      expect(stuck).toMatchObject({ inserted: 20, requests: 6 });
      override.clear();
      const before = server.requests.length;
      const rest = await runArxivApi(testIngestDeps(fresh.db, server.url), {
        query,
        max: 20,
        pageSize: 10,
      });
      expect(rest).toMatchObject({ error: null, inserted: 20, notes: ['resumed at result 20'] });
      expect(starts(before)).toEqual(['20', '30']);
    } finally {
      override.clear();
      await fresh.cleanup();
    }
  });

  it('looks papers up by id, old and new style, with the real answers', async () => {
    const one = await runArxivApi(deps(), { query: { ids: ['1605.08386'] } });
    expect(one).toMatchObject({ error: null, inserted: 1, failed: [] });
    const old = await runArxivApi(deps(), { query: { ids: ['astro-ph/0601001'] } });
    expect(old).toMatchObject({ error: null, inserted: 1 });
    expect(await findPaper(t.db.kysely, 'astro-ph/0601001')).toMatchObject({
      journalRef: 'ActaAstron.56:1-50,2006',
      categories: ['astro-ph'],
    });
    const missing = await runArxivApi(deps(), { query: { ids: ['0000.0000'] } });
    expect(missing).toMatchObject({ error: null, requests: 1, inserted: 0, failed: [] });
    const pair = await runArxivApi(deps(), { query: { ids: ['0808.05394', '1707.08567'] } });
    expect(pair).toMatchObject({ error: null, inserted: 1 });
  });

  it("turns the API's error feed into a clear error", async () => {
    const report = await runArxivApi(deps(), { query: { ids: ['abc'] } });
    expect(report.error).toBe(
      'arxiv-api: the arXiv API refused the query: incorrect id format for abc',
    );
  });
});
