import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HF_DAY, NASTY_ID, seedApiFixture } from '../../test/support/api-fixture.ts';
import { dialects } from '../../test/support/databases.ts';
import { clockEnv, createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { runCli } from './program.ts';

const BULK = 620;

/** Runs the CLI in-process and captures what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((err += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

describe.skipIf(!hasSharedData).each(dialects)(
  'folio papers ls|search|info|read on %s',
  (dialect) => {
    let t: TestRuntime;
    let server: ServerType;
    let url: string;
    const saved = { ...process.env };
    beforeAll(async () => {
      // Keyword-only: a second process on the same store (the CLI, `folio mcp`) does not yet rank
      // as a running instance with semantic search trained does, so the two are compared on
      // keyword search alone.
      t = await createTestRuntime(dialect, { search: 'keyword' });
      await seedApiFixture(t);
      // A month longer than one page of the API (500 entries), for paging to the end.
      await upsertRecords(
        t.runtime.db,
        t.clock,
        Array.from({ length: BULK }, (_, i) => ({
          id: `2502.${String(i + 1).padStart(5, '0')}`,
          title: `Bulk paper ${i + 1}`,
          abstract: 'A paper among many in one month.',
          authors: ['Bulk Author'],
          categories: ['cs.DL'],
          listingDate: `2025-02-${String((i % 28) + 1).padStart(2, '0')}`,
        })),
        { source: 'test' },
      );
      Object.assign(process.env, {
        FOLIO_DATA_DIR: t.dataDir,
        FOLIO_DATABASE_URL: t.dbUrl,
        FOLIO_LOAD_DEMO: '0',
        FOLIO_OFFLINE: '1',
        FOLIO_LOG_LEVEL: 'silent',
        // The in-process CLI runs on the served app's fixed clock.
        ...clockEnv(t),
      });
      server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      process.env = saved;
      await new Promise((r) => server.close(r));
      await t.cleanup();
    });

    it('gives the same answers from the local store and from a served Folio (--server)', async () => {
      for (const args of [
        ['papers', 'ls', '--date', HF_DAY, '--limit', '5', '--json'],
        ['papers', 'search', 'contrastive', 'loss', '--limit', '3', '--json'],
        ['papers', 'info', NASTY_ID, '--json'],
      ]) {
        const local = await cli(args);
        const remote = await cli([...args, '--server', url]);
        expect(local.code, args.join(' ')).toBe(0);
        expect(remote.code, args.join(' ')).toBe(0);
        // Versions are not part of the API's paper; everything else is the same.
        const strip = (text: string): unknown =>
          JSON.parse(text, (k, v: unknown) => (k === 'versions' ? undefined : v));
        expect(strip(remote.out), args.join(' ')).toEqual(strip(local.out));
      }
      // Trending depends on the clock: the CLI and the served app share the fixed one.
      const trendingIds = async (extra: string[]) => {
        const run = await cli(['papers', 'ls', '--sort', 'trending', '--json', ...extra]);
        expect(run.code).toBe(0);
        return (JSON.parse(run.out) as { papers: { id: string }[] }).papers.map((p) => p.id);
      };
      const remoteTrending = await trendingIds(['--server', url]);
      expect(remoteTrending).toContain(NASTY_ID);
      expect(await trendingIds([])).toEqual(remoteTrending);
      const ls = JSON.parse(
        (await cli(['papers', 'ls', '--date', HF_DAY, '--limit', '5', '--json', '--server', url]))
          .out,
      ) as { papers: unknown[]; total: number };
      expect(ls.papers).toHaveLength(5);
      expect(ls.total).toBe(30);
    });

    it('lists a whole month past one API page, locally and remotely: each paper once', async () => {
      const month = async (extra: string[]) => {
        const run = await cli([
          'papers',
          'ls',
          '--month',
          '2025-02',
          '--limit',
          '10000',
          '--json',
          ...extra,
        ]);
        expect(run.code, run.err).toBe(0);
        return JSON.parse(run.out) as { total: number; papers: { id: string }[] };
      };
      const local = await month([]);
      const remote = await month(['--server', url]);
      for (const listed of [local, remote]) {
        expect(listed.total).toBe(BULK);
        expect(new Set(listed.papers.map((p) => p.id)).size).toBe(BULK);
      }
      expect(remote.papers.map((p) => p.id)).toEqual(local.papers.map((p) => p.id));
      const some = await month(['--server', url, '--limit', '501']);
      expect(some.papers.map((p) => p.id)).toEqual(local.papers.slice(0, 501).map((p) => p.id));
    });

    it('reads a paper as Markdown, locally and remotely', async () => {
      const local = await cli(['papers', 'read', `arXiv:${NASTY_ID}v1`]);
      expect(local.code).toBe(0);
      expect(local.out.split('\n')[0]).toBe(
        // Markup and HTML escaped, the TeX span kept (its `<` as `\\lt`, the same maths).
        `# Attention \\<is\\> all \\& you need \\]\\]\\> "quoted" 'single' {braces} 50% #1 $x_i\\lt y$`,
      );
      const remote = await cli(['papers', 'read', NASTY_ID, '--server', url]);
      expect(remote.out).toBe(local.out);
    });

    it('searches in any order from the terminal: relevance, newest, trending', async () => {
      const ids = async (sort: string) => {
        const run = await cli([
          'search',
          'contrastive',
          '--mode',
          'keyword',
          '--sort',
          sort,
          '--json',
        ]);
        expect(run.code).toBe(0);
        return (JSON.parse(run.out) as { hits: { paper: { id: string } }[] }).hits.map(
          (h) => h.paper.id,
        );
      };
      const relevance = await ids('relevance');
      expect(relevance.length).toBeGreaterThan(1);
      // The same matches in each order (no trending scores are stored here: relevance order).
      expect([...(await ids('date'))].sort()).toEqual([...relevance].sort());
      expect(await ids('trending')).toEqual(relevance);
      const bad = await cli(['search', 'contrastive', '--sort', 'sideways']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--sort');
    });

    it('says what is wrong: unknown paper exit 1, bad usage exit 2, unreachable server exit 1', async () => {
      expect((await cli(['papers', 'info', '2410.00000'])).code).toBe(1);
      expect((await cli(['papers', 'read', '2410.00000', '--server', url])).code).toBe(1);
      expect((await cli(['papers', 'info', 'nope'])).code).toBe(2);
      expect((await cli(['papers', 'ls', '--sort', 'best'])).code).toBe(2);
      expect((await cli(['papers', 'ls', '--sort', 'trending', '--date', HF_DAY])).code).toBe(2);
      expect((await cli(['papers', 'search', 'x', '--server', 'ftp://nope'])).code).toBe(2);
      const down = await cli(['papers', 'search', 'x', '--server', 'http://127.0.0.1:9']);
      expect(down.code).toBe(1);
      expect(down.err).toContain('cannot reach');
      expect(fs.existsSync(t.dataDir)).toBe(true);
    });
  },
);
