import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { allArchivesFeed, readShared } from '../../test/fixtures/ingest/recorded.ts';
import { countPapers } from '../papers/paper.repository.ts';
import { ingestDeps } from '../ingest/ingest-deps.ts';
import { createIngestService } from '../ingest/ingest.setup.ts';
import { LISTING_INGEST_JOB, listingIngestJob } from './ingest-job.ts';
import { buildJobs } from './jobs.ts';

describe.skipIf(!hasSharedData).each(dialects)('scheduled listing ingest on %s', (dialect) => {
  let server: LocalServer;
  let online: TestRuntime;
  beforeAll(async () => {
    server = await startLocalServer((request) =>
      request.url === '/rss/everything'
        ? { status: 200, body: allArchivesFeed() }
        : request.url === '/rss/astroph'
          ? { status: 200, body: readShared('arxiv-rss', 'rss-error-bad-archive-2024-11-28.xml') }
          : request.url.startsWith('/hf/daily_papers')
            ? { status: 200, body: readShared('hf-daily-papers', 'daily_papers.2024-10-25.json') }
            : { status: 503 },
    );
    online = await createTestRuntime(dialect, {
      env: {
        FOLIO_OFFLINE: '0',
        FOLIO_ARXIV_DELAY_MS: '0',
        FOLIO_ARXIV_RSS_URL: `${server.url}/rss`,
        FOLIO_HF_API_URL: `${server.url}/hf`,
        FOLIO_INGEST_CATEGORIES: 'astroph,everything',
        FOLIO_INGEST_SCHEDULE: '15 2 * * 1-5',
      },
    });
  });
  afterAll(async () => {
    await online.cleanup();
    await server.close();
  });

  it('runs on the ingest schedule; a failing category is logged and the others are stored, then Hugging Face daily papers', async () => {
    const announced: string[] = [];
    online.runtime.papers.onStored((papers) => {
      announced.push(...papers.map((p) => p.id));
    });
    const job = buildJobs(online.runtime).find((j) => j.name === LISTING_INGEST_JOB);
    expect(job?.schedule).toBe('15 2 * * 1-5');
    await expect(job!.run()).resolves.toBeUndefined();
    const hf = JSON.parse(
      readShared('hf-daily-papers', 'daily_papers.2024-10-25.json'),
    ) as unknown[];
    expect(await countPapers(online.runtime.db.kysely)).toBe(1504 + hf.length);
    const entries = await online.runtime.db.kysely
      .selectFrom('daily_entries')
      .select(['day', 'source'])
      .execute();
    expect(entries).toHaveLength(hf.length);
    expect(new Set(entries.map((e) => e.day))).toEqual(new Set(['2024-10-25']));
    // Search indexing and the other listeners hear of every stored paper.
    expect(new Set(announced).size).toBe(1504 + hf.length);
  });

  it('never throws when the network fails, so the server keeps running', async () => {
    const ingest = {
      ...online.runtime.config.ingest,
      arxivRssUrl: `${server.url}/down`,
      categories: ['cs.CV'],
    };
    const config = { ...online.runtime.config, ingest };
    const unreachable = {
      ...online.runtime,
      config,
      ingest: createIngestService({ ...online.runtime, config }),
    };
    const job = listingIngestJob(unreachable, { attempts: 2, backoffMs: 1 });
    await expect(job.run()).resolves.toBeUndefined();
    expect(server.requests.filter((r) => r.url === '/down/cs.CV')).toHaveLength(2);
  });

  it('is not scheduled when Folio is offline', () => {
    const offline = { ...online.runtime, config: { ...online.runtime.config, offline: true } };
    expect(buildJobs(online.runtime).map((j) => j.name)).toContain(LISTING_INGEST_JOB);
    expect(buildJobs(offline).map((j) => j.name)).not.toContain(LISTING_INGEST_JOB);
  });
});

describe('one arXiv politeness limit per process', () => {
  it('every ingest built from a runtime waits on the runtime’s one limiter', async () => {
    const t = await createTestRuntime('sqlite', { env: { FOLIO_ARXIV_DELAY_MS: '3000' } });
    try {
      const a = ingestDeps(t.runtime);
      const b = ingestDeps(t.runtime);
      expect(a.arxivLimiter).toBe(t.runtime.arxivLimiter);
      expect(b.arxivLimiter).toBe(t.runtime.arxivLimiter);
      expect(t.runtime.arxivLimiter.intervalMs).toBe(3000);
    } finally {
      await t.cleanup();
    }
  });
});
