import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../../test/cli/run-folio.ts';
import { dialects } from '../../test/support/databases.ts';
import { clockEnv, createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { createApiToken } from '../community/api-tokens.ts';
import { ensureUser } from '../community/user.service.ts';
import type { User } from '../community/user.ts';

type Saved = {
  papers: { id: string; status: string; note: string | null; savedAt: string | null }[];
};
type Text = { content: { type: string; text: string }[]; isError?: boolean };

const paper = (id: string, title: string) => ({
  id,
  title,
  abstract: `${title}: what we did and what we found.`,
  authors: ['A. Author'],
  categories: ['cs.CL'],
  publishedAt: '2026-06-01T00:00:00Z',
  listingDate: '2026-06-01',
});
const PAPERS = [
  paper('2606.10001', 'Reading lists for agents'),
  paper('2606.10002', 'Tokens and scopes'),
  paper('2606.10003', 'Somebody else’s paper'),
  paper('2606.10004', 'A paper nobody saved yet'),
];

const NO_TOKEN =
  'library_list works on a member\'s library: connect with a personal API token (create one at http://localhost:3000/account/tokens; send it as "Authorization: Bearer <token>" to /mcp, or run `folio mcp --token <token>`).';

describe.each(dialects)('MCP library tools on %s', (dialect) => {
  let t: TestRuntime;
  let server: ServerType;
  let url: string;
  let ada: User;
  let adaToken: string;
  let readOnlyToken: string;
  let boToken: string;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    const { db, clock, personal } = t.runtime;
    await t.runtime.papers.store(PAPERS, { source: 'test' });
    ada = await ensureUser(db, clock, 'ada@example.org');
    const bo = await ensureUser(db, clock, 'bo@example.org');
    adaToken = (await createApiToken(db, clock, ada, 'agent')).token;
    readOnlyToken = (await createApiToken(db, clock, ada, 'read only', 'read')).token;
    boToken = (await createApiToken(db, clock, bo, 'bo')).token;
    await personal.library.save(ada, '2606.10001', { status: 'read', note: 'Good intro.' });
    t.clock.set('2026-07-01T12:05:00Z');
    await personal.library.save(ada, '2606.10002');
    await personal.library.createCollection(ada, { name: 'Agents' });
    await personal.library.save(bo, '2606.10003');
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  async function withHttpClient<T>(token: string | null, fn: (c: Client) => Promise<T>) {
    const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });
    const client = new Client({ name: 'folio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  const ids = (r: unknown) => (r as { structuredContent: Saved }).structuredContent.papers;

  it('lists the library tools for every client but refuses them without a token', async () => {
    await withHttpClient(null, async (client) => {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      expect(byName.get('library_save')?.annotations).toEqual({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
      });
      expect(byName.get('library_list')?.annotations).toEqual({ readOnlyHint: true });
      const refused = (await client.callTool({ name: 'library_list', arguments: {} })) as Text;
      expect(refused).toEqual({ content: [{ type: 'text', text: NO_TOKEN }], isError: true });
      const save = (await client.callTool({
        name: 'library_save',
        arguments: { id: '2606.10004' },
      })) as Text;
      expect(save.isError).toBe(true);
      expect(save.content[0]!.text.startsWith('library_save works on a member')).toBe(true);
    });
    expect(await t.runtime.personal.library.stateOf(ada, ['2606.10004'])).toEqual(
      new Map([['2606.10004', { saved: false, status: null, note: null, collectionIds: [] }]]),
    );
  });

  it('answers 401 to a token it does not know', async () => {
    const res = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer folio_not-a-real-token',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="folio"');
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      error: { code: -32001, message: 'That API token is unknown or revoked.' },
      id: null,
    });
  });

  it('with a token, reads and changes that member’s library only', async () => {
    await withHttpClient(adaToken, async (client) => {
      const list = await client.callTool({ name: 'library_list', arguments: {} });
      expect(ids(list)).toEqual([
        {
          id: '2606.10002',
          status: 'to_read',
          note: null,
          savedAt: '2026-07-01T12:05:00.000Z',
          title: 'Tokens and scopes',
          authors: ['A. Author'],
          url: 'http://localhost:3000/papers/2606.10002',
          published: '2026-06-01T00:00:00.000Z',
          upvotes: null,
        },
        {
          id: '2606.10001',
          status: 'read',
          note: 'Good intro.',
          savedAt: '2026-07-01T12:00:00.000Z',
          title: 'Reading lists for agents',
          authors: ['A. Author'],
          url: 'http://localhost:3000/papers/2606.10001',
          published: '2026-06-01T00:00:00.000Z',
          upvotes: null,
        },
      ]);
      expect((list as Text).content[0]!.text).toBe(
        [
          '# Your library',
          '',
          '1. [Tokens and scopes](http://localhost:3000/papers/2606.10002) — A. Author (2606.10002; to read)',
          '2. [Reading lists for agents](http://localhost:3000/papers/2606.10001) — A. Author (2606.10001; read)',
        ].join('\n'),
      );
      const read = await client.callTool({ name: 'library_list', arguments: { status: 'read' } });
      expect(ids(read).map((p) => p.id)).toEqual(['2606.10001']);

      const saved = await client.callTool({
        name: 'library_save',
        arguments: { id: 'arXiv:2606.10004v2', note: 'For Friday.', collection: 'Agents' },
      });
      expect((saved as Text).content[0]!.text).toBe(
        'Saved 2606.10004 (A paper nobody saved yet) to your library and to the collection Agents, marked to read.',
      );
      const inCollection = await client.callTool({
        name: 'library_list',
        arguments: { collection: 'Agents' },
      });
      expect(ids(inCollection).map((p) => [p.id, p.note, p.savedAt])).toEqual([
        ['2606.10004', 'For Friday.', null],
      ]);
      const collections = await client.callTool({ name: 'library_collections', arguments: {} });
      expect(
        (
          collections.structuredContent as { collections: { name: string; paperCount: number }[] }
        ).collections.map((c) => [c.name, c.paperCount]),
      ).toEqual([['Agents', 1]]);
      const missing = (await client.callTool({
        name: 'library_save',
        arguments: { id: '2606.19999' },
      })) as Text;
      expect(missing.isError).toBe(true);
      const noCollection = (await client.callTool({
        name: 'library_list',
        arguments: { collection: 'Nope' },
      })) as Text;
      expect(noCollection).toEqual({
        content: [{ type: 'text', text: 'You have no collection "Nope".' }],
        isError: true,
      });
    });
    // The other member sees their own save only.
    await withHttpClient(boToken, async (client) => {
      const list = await client.callTool({ name: 'library_list', arguments: {} });
      expect(ids(list).map((p) => p.id)).toEqual(['2606.10003']);
    });
  });

  it('a read-scoped token lists but cannot save', async () => {
    await withHttpClient(readOnlyToken, async (client) => {
      const list = await client.callTool({ name: 'library_list', arguments: { status: 'read' } });
      expect(ids(list).map((p) => p.id)).toEqual(['2606.10001']);
      const save = (await client.callTool({
        name: 'library_save',
        arguments: { id: '2606.10003' },
      })) as Text;
      expect(save).toEqual({
        content: [
          {
            type: 'text',
            text: 'This API token can only read. Create a token with the "read and write" scope at /account/tokens to vote, comment, submit or change your library.',
          },
        ],
        isError: true,
      });
    });
    expect(
      (await t.runtime.personal.library.stateOf(ada, ['2606.10003'])).get('2606.10003'),
    ).toMatchObject({ saved: false });
  });

  it('`folio mcp` takes the token from FOLIO_TOKEN (or --token) and refuses an unknown one', async () => {
    const stdio = (env: Record<string, string>, args: string[] = []) =>
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', path.join('src', 'main.ts'), 'mcp', ...args],
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        env: cliEnv({
          FOLIO_DATA_DIR: t.dataDir,
          FOLIO_DATABASE_URL: t.dbUrl,
          FOLIO_LOG_LEVEL: 'silent',
          ...clockEnv(t),
          ...env,
        }) as Record<string, string>,
        stderr: 'pipe',
      });
    const client = new Client({ name: 'folio-test', version: '1.0.0' });
    await client.connect(stdio({ FOLIO_TOKEN: boToken }));
    try {
      const list = await client.callTool({ name: 'library_list', arguments: {} });
      expect(ids(list).map((p) => p.id)).toEqual(['2606.10003']);
    } finally {
      await client.close();
    }
    const bad = stdio({}, ['--token', 'folio_unknown']);
    const stderr: string[] = [];
    bad.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    const refused = new Client({ name: 'folio-test', version: '1.0.0' });
    await expect(refused.connect(bad)).rejects.toThrow();
    expect(stderr.join('')).toContain(
      'That API token is unknown or revoked (--token / FOLIO_TOKEN).',
    );
  }, 90_000);
});
