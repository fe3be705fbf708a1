import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HF_DAY, NASTY_ID, seedApiFixture } from '../../test/support/api-fixture.ts';
import { cliEnv } from '../../test/cli/run-folio.ts';
import { dialects } from '../../test/support/databases.ts';
import { clockEnv, createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { dayPeriod } from '../domain/periods.ts';
import { listPeriod } from '../papers/daily-list.ts';

const TOOLS = [
  'get_paper',
  'library_collections',
  'library_list',
  'library_save',
  'list_papers',
  'search_papers',
  'similar_papers',
  'trending_papers',
];

type Papers = { papers: { id: string; title: string; upvotes: number | null }[] };
type Text = { content: { type: string; text: string }[]; isError?: boolean };

describe.skipIf(!hasSharedData).each(dialects)('MCP server on %s', (dialect) => {
  let t: TestRuntime;
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    // Keyword-only: a second process on the same store (the CLI, `folio mcp`) does not yet rank
    // as a running instance with semantic search trained does, so the two are compared on
    // keyword search alone.
    t = await createTestRuntime(dialect, { search: 'keyword' });
    await seedApiFixture(t);
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  /** The SDK's own client, connected over `transport`; closed after `fn`. */
  async function withClient<T>(
    transport: StdioClientTransport | StreamableHTTPClientTransport,
    fn: (client: Client) => Promise<T>,
  ): Promise<T> {
    const client = new Client({ name: 'folio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  async function expectedSearch(q: string, limit: number) {
    return (await t.runtime.search.search({ q, limit })).hits.map((h) => h.paper.id);
  }

  it('answers listTools and every tool over Streamable HTTP at /mcp', async () => {
    await withClient(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)), async (client) => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      for (const tool of tools)
        expect(tool.annotations?.readOnlyHint, tool.name).toBe(tool.name !== 'library_save');

      const search = await client.callTool({
        name: 'search_papers',
        arguments: { query: 'video', limit: 5 },
      });
      const found = (search.structuredContent as Papers).papers.map((p) => p.id);
      expect(found).toEqual(await expectedSearch('video', 5));
      expect(found.length).toBeGreaterThan(0);

      const list = await client.callTool({
        name: 'list_papers',
        arguments: { date: HF_DAY, limit: 10 },
      });
      const want = await listPeriod(t.runtime.db, dayPeriod(HF_DAY), { limit: 10 });
      expect((list.structuredContent as Papers).papers.map((p) => [p.id, p.upvotes])).toEqual(
        want.map((l) => [l.paper.id, l.upvotes]),
      );
      expect((list.content as Text['content'])[0]!.text.split('\n')[0]).toBe(
        `# Papers of ${HF_DAY}`,
      );

      const trending = await client.callTool({ name: 'trending_papers', arguments: {} });
      expect((trending.structuredContent as Papers).papers.map((p) => p.id)).toEqual([NASTY_ID]);

      const paper = (await client.callTool({
        name: 'get_paper',
        arguments: { id: `https://arxiv.org/abs/${NASTY_ID}v1` },
      })) as Text;
      expect(paper.isError).toBeFalsy();
      expect(paper.content[0]!.text.split('\n')[0]).toContain('# Attention \\<is\\> all');
      expect(paper.content[0]!.text).toContain('$x_i\\lt y$');

      const missing = (await client.callTool({
        name: 'get_paper',
        arguments: { id: '2410.00000' },
      })) as Text;
      expect(missing).toMatchObject({ isError: true });
      expect(missing.content[0]!.text).toBe('Folio has no paper 2410.00000.');

      const similar = await client.callTool({
        name: 'similar_papers',
        arguments: { id: NASTY_ID, limit: 3 },
      });
      expect((similar.structuredContent as Papers).papers.map((p) => p.id)).toEqual(
        (await t.runtime.search.similar(NASTY_ID, 3)).map((p) => p.id),
      );
    });
  });

  it('answers listTools and a search over stdio from `folio mcp`', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', path.join('src', 'main.ts'), 'mcp'],
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      env: cliEnv({
        FOLIO_DATA_DIR: t.dataDir,
        FOLIO_DATABASE_URL: t.dbUrl,
        FOLIO_LOG_LEVEL: 'silent',
        ...clockEnv(t),
      }) as Record<string, string>,
      stderr: 'pipe',
    });
    await withClient(transport, async (client) => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      const search = await client.callTool({
        name: 'search_papers',
        arguments: { query: 'video', limit: 5, mode: 'keyword' },
      });
      expect((search.structuredContent as Papers).papers.map((p) => p.id)).toEqual(
        (await t.runtime.search.search({ q: 'video', limit: 5, mode: 'keyword' })).hits.map(
          (h) => h.paper.id,
        ),
      );
    });
  }, 60_000);
});
