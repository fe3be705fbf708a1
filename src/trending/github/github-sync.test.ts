import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.ts';
import { createLogger } from '../../logger.ts';
import { dialects, openTestDb, type TestDb } from '../../../test/support/databases.ts';
import {
  startLocalServer,
  type LocalServer,
  type Reply,
} from '../../../test/support/http-server.ts';
import { hasSharedData, sharedFile } from '../../../test/support/shared-data.ts';
import { seedDatedPapers } from '../../../test/support/seed-papers.ts';
import { syncGithubStars } from './github-sync.service.ts';

interface Exchange {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
}

const TOKEN = 'ghp_secretsecretsecretsecret0123456789';

function recorded(file: string): Exchange[] {
  return JSON.parse(fs.readFileSync(sharedFile('github-api', file), 'utf8')) as Exchange[];
}

/** A recorded exchange as a reply: its status, headers (less framing ones) and JSON body. */
function replay(x: Exchange): Reply {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(x.headers))
    if (!['content-length', 'connection', 'transfer-encoding'].includes(k)) headers[k] = String(v);
  return { status: x.status, headers, body: JSON.stringify(x.response) };
}

describe.skipIf(!hasSharedData).each(dialects)('GitHub star sync on %s', (dialect) => {
  let t: TestDb;
  let server: LocalServer;
  const clock = fixedClock('2026-07-01T12:00:00.000Z');
  const logs: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  // What the next request for a path gets, when a test overrides the recording.
  const overrides = new Map<string, Reply[]>();
  let stars = 42;

  beforeAll(async () => {
    const get = recorded('get-repository.json').find((x) => x.method === 'get')!;
    const rename = recorded('rename-repository.json').filter((x) => x.method === 'get');
    const moved = rename.find((x) => x.status === 301)!;
    const renamed = rename.find((x) => x.status === 200)!;
    server = await startLocalServer((request) => {
      const path = request.url;
      const queued = overrides.get(path)?.shift();
      if (queued) return queued;
      if (path === get.path) {
        const reply = replay(get);
        if (request.headers['if-none-match'] === reply.headers!.etag)
          return {
            status: 304,
            headers: { etag: reply.headers!.etag!, 'x-ratelimit-remaining': '4998' },
          };
        return {
          ...reply,
          body: JSON.stringify({ ...(get.response as object), stargazers_count: stars }),
        };
      }
      if (path === moved.path) return replay(moved);
      // The repository under its new name answers as it did at /repositories/1000.
      if (path === renamed.path || path === '/repos/octokit-fixture-org/rename-repository-newname')
        return replay(renamed);
      return {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
        }),
      };
    });
    t = await openTestDb(dialect);
    await seedDatedPapers(t.db, [
      {
        id: '2606.00001',
        publishedAt: '2026-06-30T00:00:00.000Z',
        codeRepo: 'github:octokit-fixture-org/hello-world',
      },
      {
        id: '2606.00002',
        publishedAt: '2026-06-30T00:00:00.000Z',
        codeRepo: 'github:octokit-fixture-org/rename-repository',
      },
      {
        id: '2606.00003',
        publishedAt: '2026-06-30T00:00:00.000Z',
        codeRepo: 'github:someone/deleted',
      },
      {
        id: '2606.00004',
        publishedAt: '2026-06-30T00:00:00.000Z',
        codeRepo: 'gitlab:group/project',
      },
    ]);
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });
  beforeEach(() => {
    overrides.clear();
    server.requests.length = 0;
  });

  const options = () => ({ apiUrl: server.url, token: TOKEN, batch: 100, sleep: async () => {} });
  const repo = (codeRepo: string) =>
    t.db.kysely
      .selectFrom('repos')
      .selectAll()
      .where('code_repo', '=', codeRepo)
      .executeTakeFirstOrThrow();

  it('stores stars and ETags, follows a rename to the new name, and retires a deleted repository', async () => {
    const result = await syncGithubStars(t.db, clock, logger, options());
    expect(result).toMatchObject({
      discovered: 3,
      checked: 3,
      updated: 2,
      renamed: 1,
      gone: 1,
      stopped: null,
    });
    const hello = await repo('github:octokit-fixture-org/hello-world');
    expect(hello).toMatchObject({
      stars: 42,
      etag: '"00000000000000000000000000000000"',
      status: 'active',
    });
    const renamed = await repo('github:octokit-fixture-org/rename-repository');
    expect(renamed.full_name).toBe('octokit-fixture-org/rename-repository-newname');
    expect((await repo('github:someone/deleted')).status).toBe('gone');
    // Every request stayed on the local server and carried the token.
    expect(server.requests.map((r) => r.url)).toContain('/repositories/1000');
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(logs.join('')).not.toContain(TOKEN);
  });

  it('asks again with If-None-Match; a 304 keeps the count; polls young papers’ repositories hourly', async () => {
    clock.advance(3_600_000);
    const result = await syncGithubStars(t.db, clock, logger, options());
    expect(result).toMatchObject({ checked: 2, notModified: 1, updated: 1, gone: 0 });
    const hello = server.requests.find((r) => r.url === '/repos/octokit-fixture-org/hello-world');
    expect(hello?.headers['if-none-match']).toBe('"00000000000000000000000000000000"');
    // The renamed repository is now asked for under its new name.
    expect(server.requests.map((r) => r.url)).toContain(
      '/repos/octokit-fixture-org/rename-repository-newname',
    );
    const row = await repo('github:octokit-fixture-org/hello-world');
    expect(row.stars).toBe(42);
    expect(row.next_check_at).toBe(new Date(clock.now().getTime() + 3_600_000).toISOString());
  });

  it('records the stars gained between snapshots', async () => {
    clock.advance(3_600_000);
    stars = 142;
    overrides.set('/repos/octokit-fixture-org/hello-world', [
      {
        ...replay(recorded('get-repository.json')[0]!),
        headers: { etag: '"new"' },
        body: JSON.stringify({
          full_name: 'octokit-fixture-org/hello-world',
          id: 1000,
          stargazers_count: 142,
        }),
      },
    ]);
    await syncGithubStars(t.db, clock, logger, options());
    const id = (await repo('github:octokit-fixture-org/hello-world')).id;
    const snapshots = await t.db.kysely
      .selectFrom('star_snapshots')
      .select(['stars', 'gained'])
      .where('repo_id', '=', id)
      .orderBy('taken_at')
      .execute();
    expect(snapshots).toEqual([
      { stars: 42, gained: 0 },
      { stars: 142, gained: 100 },
    ]);
  });

  it('waits out a short secondary limit and stops cleanly at the primary limit', async () => {
    clock.advance(3_600_000);
    const waited: number[] = [];
    overrides.set('/repos/octokit-fixture-org/hello-world', [
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: '{"message":"You have exceeded a secondary rate limit."}',
      },
      { status: 304, headers: { etag: '"new"' } },
    ]);
    const reset = Math.floor(clock.now().getTime() / 1000) + 1800;
    overrides.set('/repos/octokit-fixture-org/rename-repository-newname', [
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: '{"message":"API rate limit exceeded"}',
      },
    ]);
    const result = await syncGithubStars(t.db, clock, logger, {
      ...options(),
      sleep: async (ms) => void waited.push(ms),
    });
    expect(waited).toEqual([2000]);
    expect(result.stopped).toEqual({
      reason: 'rate-limited',
      resumeAt: new Date(reset * 1000).toISOString(),
    });
    // Until the reset, runs do nothing and cost nothing.
    server.requests.length = 0;
    clock.advance(3_600_000 / 4);
    const paused = await syncGithubStars(t.db, clock, logger, options());
    expect(paused.stopped?.reason).toBe('rate-limited');
    expect(server.requests).toHaveLength(0);
    clock.advance(3_600_000);
    const resumed = await syncGithubStars(t.db, clock, logger, options());
    expect(resumed.stopped).toBeNull();
    expect(resumed.checked).toBeGreaterThan(0);
  });

  it('stops rather than waiting out a long secondary limit', async () => {
    clock.advance(24 * 3_600_000);
    overrides.set('/repos/octokit-fixture-org/hello-world', [
      {
        status: 403,
        headers: { 'retry-after': '3600' },
        body: '{"message":"secondary rate limit"}',
      },
    ]);
    const result = await syncGithubStars(t.db, clock, logger, options());
    expect(result.stopped?.reason).toBe('rate-limited');
    expect(result.checked).toBe(0);
  });
});
