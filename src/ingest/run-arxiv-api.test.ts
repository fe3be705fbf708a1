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
    expect(html.error).toBe('arxiv-api: answered with an HTML page instead of XML ("Bad Gateway")');
    const recorded = apiReplay()(
      'http://x/api/query?search_query=&id_list=1707.08567&start=0&max_results=100',
    ).body;
    override.set('cut', (url) =>
      url.includes('id_list=1707.08567') ? { status: 200, body: recorded.slice(0, 1500) } : null,
    );
    const cut = await runArxivApi(deps(), { query: { ids: ['1707.08567'] } });
    expect(cut.error).toMatch(
      /^arxiv-api: the response is not well-formed XML \(line \d+: .*\); truncated\?$/,
    );
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
