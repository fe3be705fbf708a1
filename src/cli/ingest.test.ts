import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { oaiPagedReplay, readShared } from '../../test/fixtures/ingest/recorded.ts';
import { countPapers, findPaper } from '../papers/paper.repository.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the real CLI (`bin/folio.js`) in its own process. */
function startFolio(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'folio.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', FOLIO_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, finished };
}

describe.skipIf(!hasSharedData).each(dialects)('folio ingest (the real CLI) on %s', (dialect) => {
  let t: TestDb;
  let server: LocalServer;
  let dataDir: string;
  // While set, the request for page 3 of the harvest is held until it is released.
  let holdPage3: { requested: () => void; released: Promise<void> } | null = null;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-ingest-cli-'));
    const oai = oaiPagedReplay();
    server = await startLocalServer(async (request) => {
      if (request.url.includes('page-3') && holdPage3) {
        holdPage3.requested();
        await holdPage3.released;
      }
      if (request.url === '/hf/api/daily_papers?date=2024-10-25')
        return { status: 200, body: readShared('hf-daily-papers', 'daily_papers.2024-10-25.json') };
      if (request.url === '/rss/astroph')
        return {
          status: 200,
          body: readShared('arxiv-rss', 'rss-error-bad-archive-2024-11-28.xml'),
        };
      return oai.answer(request.url) ?? { status: 404 };
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env = () => ({
    FOLIO_DATABASE_URL: t.url,
    FOLIO_DATA_DIR: dataDir,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_ARXIV_DELAY_MS: '0',
    FOLIO_ARXIV_OAI_URL: `${server.url}/oai`,
    FOLIO_ARXIV_RSS_URL: `${server.url}/rss`,
    FOLIO_HF_API_URL: `${server.url}/hf/api`,
  });

  it('a harvest killed with SIGKILL mid-run resumes with no duplicate and no gap', async () => {
    let child: ChildProcess | null = null;
    let release = () => undefined as void;
    const page3Requested = new Promise<void>((resolve) => {
      holdPage3 = { requested: resolve, released: new Promise<void>((r) => (release = r)) };
    });
    const first = startFolio(['ingest', 'oai', '--from', '2014-10-01'], env());
    child = first.child;
    await page3Requested;
    // Pages 1 and 2 are committed (page 3 is only asked for after page 2 is stored): kill now.
    child.kill('SIGKILL');
    const killed = await first.finished;
    holdPage3 = null;
    release();
    expect(killed.signal).toBe('SIGKILL');
    expect(await countPapers(t.db.kysely)).toBe(4);

    const before = server.requests.length;
    const second = await startFolio(['ingest', 'oai'], env()).finished;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'arxiv-oai: 2 new, 0 updated, 0 unchanged, 0 failed (1 request)',
    );
    expect(second.stdout).toContain('resumed the harvest from 2014-10-01');
    // It went on with the saved token: page 3 only, nothing asked for twice.
    expect(server.requests.slice(before).map((r) => r.url)).toEqual([
      '/oai?verb=ListRecords&resumptionToken=page-3',
    ]);
    expect(await countPapers(t.db.kysely)).toBe(6);
    for (const id of ['0704.0471', '0704.0716', '0704.0874', '0704.1586'])
      expect(await findPaper(t.db.kysely, id), id).not.toBeNull();
  });

  it('prints what it stored and exits 0, 1 on a failed source, 2 on bad usage', async () => {
    const hf = await startFolio(['ingest', 'hf', '--date', '2024-10-25'], env()).finished;
    expect(hf).toMatchObject({ code: 0, stderr: '' });
    expect(hf.stdout).toBe(
      'huggingface: 29 new, 0 updated, 0 unchanged, 0 failed (1 request)\n  daily papers of 2024-10-25\n',
    );
    const bad = await startFolio(['ingest', 'rss', '--category', 'astroph'], env()).finished;
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^arxiv-rss astroph: 0 new.*\n {2}stopped: arxiv-rss: arXiv refused the feed: Bad archive 'astroph'/,
    );
    const usage = await startFolio(['ingest', 'arxiv', '--id', 'abc'], env()).finished;
    expect(usage).toMatchObject({ code: 2, stderr: 'folio: not an arXiv id: "abc"\n' });
  });
});
