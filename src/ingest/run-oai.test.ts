import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer, type Reply } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { oaiPagedReplay, readShared, testIngestDeps } from '../../test/fixtures/ingest/recorded.ts';
import { countPapers, findPaper } from '../papers/paper.repository.ts';
import { readCursor, writeCursor } from './cursor.repository.ts';
import { oaiCursorKey, runOaiGetRecord, runOaiHarvest } from './run-oai.ts';

describe.skipIf(!hasSharedData).each(dialects)('OAI-PMH harvest on %s', (dialect) => {
  let t: TestDb;
  let server: LocalServer;
  const override = new Map<string, (url: string) => Reply | null>();
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const replay = oaiPagedReplay();
    server = await startLocalServer((request) => {
      for (const answer of override.values()) {
        const reply = answer(request.url);
        if (reply) return reply;
      }
      return replay.answer(request.url) ?? { status: 404 };
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });
  const deps = () => testIngestDeps(t.db, server.url);
  const params = (from: number) =>
    server.requests.slice(from).map((r) => {
      const p = new URL(r.url, server.url).searchParams;
      return p.get('resumptionToken') ?? `from=${p.get('from')}`;
    });

  it('harvests every page with resumption tokens, keeping version histories', async () => {
    const report = await runOaiHarvest(deps(), { format: 'arXivRaw', from: '2014-10-01' });
    expect(report).toMatchObject({ error: null, requests: 3, inserted: 6, failed: [] });
    expect(params(0)).toEqual(['from=2014-10-01', 'page-2', 'page-3']);
    const paper = await findPaper(t.db.kysely, '0704.0716');
    expect(paper).toMatchObject({
      version: 4,
      publishedAt: '2007-04-05T12:45:03.000Z',
      updatedAt: '2008-11-14T09:07:25.000Z',
    });
    expect(paper!.versions.map((v) => v.size)).toEqual(['43kb', '48kb', '48kb', '49kb']);
    // The next harvest starts on the day the server said this one began.
    expect(await readCursor(t.db.kysely, oaiCursorKey({ format: 'arXivRaw' }))).toMatchObject({
      token: null,
      nextFrom: '2015-01-06',
    });
  });

  it('continues from where the last harvest ended, and noRecordsMatch is simply nothing new', async () => {
    const before = server.requests.length;
    const report = await runOaiHarvest(deps(), { format: 'arXivRaw' });
    expect(report).toMatchObject({ error: null, requests: 1, inserted: 0, failed: [] });
    expect(params(before)).toEqual(['from=2015-01-06']);
  });

  it('resumes a harvest cut short with the token saved beside the last stored page', async () => {
    const fresh = await openTestDb(dialect);
    try {
      override.set('down', (url) => (url.includes('page-3') ? { status: 503 } : null));
      const cut = await runOaiHarvest(testIngestDeps(fresh.db, server.url), {
        format: 'arXivRaw',
        from: '2014-10-01',
      });
      expect(cut.error).toMatch(/^arxiv-oai: .*page-3.* failed after 2 attempts \(HTTP 503\)$/);
      expect(await countPapers(fresh.db.kysely)).toBe(4);
      override.clear();
      const before = server.requests.length;
      const rest = await runOaiHarvest(testIngestDeps(fresh.db, server.url), {
        format: 'arXivRaw',
      });
      expect(rest).toMatchObject({ error: null, inserted: 2, requests: 1 });
      expect(rest.notes).toEqual(['resumed the harvest from 2014-10-01']);
      expect(params(before)).toEqual(['page-3']);
      expect(await countPapers(fresh.db.kysely)).toBe(6);
    } finally {
      override.clear();
      await fresh.cleanup();
    }
  });

  it('restarts from the harvest day when the server no longer accepts a saved token', async () => {
    const key = oaiCursorKey({ format: 'arXivRaw', set: 'physics' });
    await writeCursor(
      t.db.kysely,
      key,
      {
        token: 'expired',
        from: '2014-10-01',
        until: null,
        startedOn: '2015-01-06',
        nextFrom: null,
      },
      '2026-07-01T00:00:00Z',
    );
    const before = server.requests.length;
    const report = await runOaiHarvest(deps(), { format: 'arXivRaw', set: 'physics' });
    expect(report.error).toBeNull();
    expect(report.notes).toContain(
      'the server no longer accepted the saved token; harvest restarted',
    );
    expect(params(before)).toEqual(['expired', 'from=2014-10-01', 'page-2', 'page-3']);
  });

  it('reports other OAI errors clearly, and fetches one record with GetRecord', async () => {
    override.set('bad', (url) =>
      url.includes('set=moo')
        ? { status: 200, body: readShared('arxiv-oai-pmh', 'ErrorResponseBadArgument.xml') }
        : url.includes('GetRecord')
          ? { status: 200, body: readShared('arxiv-oai-pmh', 'GetRecordResponse.xml') }
          : null,
    );
    const bad = await runOaiHarvest(deps(), { format: 'arXivRaw', set: 'moo', from: '2020-01-01' });
    expect(bad.error).toBe(
      "arxiv-oai: the OAI-PMH server answered badArgument: Verb 'ListRecords', illegal argument 'identifier'.",
    );
    const one = await runOaiGetRecord(deps(), '1302.2146', 'arXivRaw');
    override.clear();
    expect(one).toMatchObject({ error: null, inserted: 1 });
    expect(server.requests.at(-1)!.url).toContain(
      'verb=GetRecord&identifier=oai%3AarXiv.org%3A1302.2146&metadataPrefix=arXivRaw',
    );
    expect((await findPaper(t.db.kysely, '1302.2146'))!.versions).toHaveLength(2);
  });
});
