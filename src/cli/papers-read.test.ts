import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HF_DAY, NASTY_ID, seedApiFixture } from '../../test/support/api-fixture.ts';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { runCli } from './program.ts';

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
      t = await createTestRuntime(dialect);
      await seedApiFixture(t);
      Object.assign(process.env, {
        FOLIO_DATA_DIR: t.dataDir,
        FOLIO_DATABASE_URL: t.dbUrl,
        FOLIO_LOAD_DEMO: '0',
        FOLIO_OFFLINE: '1',
        FOLIO_LOG_LEVEL: 'silent',
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
      // Trending depends on the clock (the served app's is fixed; the CLI's is the real one).
      const trending = await cli(['papers', 'ls', '--sort', 'trending', '--json', '--server', url]);
      expect(
        (JSON.parse(trending.out) as { papers: { id: string }[] }).papers.map((p) => p.id),
      ).toContain(NASTY_ID);
      expect((await cli(['papers', 'ls', '--sort', 'trending'])).code).toBe(0);
      const ls = JSON.parse(
        (await cli(['papers', 'ls', '--date', HF_DAY, '--limit', '5', '--json', '--server', url]))
          .out,
      ) as { papers: unknown[]; total: number };
      expect(ls.papers).toHaveLength(5);
      expect(ls.total).toBe(30);
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
