/** Bench servers in their own processes: a temporary store's environment, start, settle, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './corpus.ts';
import { round } from './report.ts';

/** The environment of a site on a fresh temporary SQLite store, offline and silent. */
export function tempStoreEnv(prefix: string): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    FOLIO_DATA_DIR: dir,
    FOLIO_DATABASE_URL: path.join(dir, 'folio.db'),
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_LOG_LEVEL: 'silent',
    FOLIO_HOST: '127.0.0.1',
  };
}

/** Starts a child process running a TypeScript entry and waits until `url` answers. */
export async function startChild(
  args: string[],
  env: Record<string, string>,
  url: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A large store on a busy machine can take minutes to open and answer ready.
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      // Not left running after the bench gives up on it.
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${args.join(' ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until the server's search sides are built (its /readyz says keyword `ready` and semantic
 * neither `training` nor `embedding`) and then ten health checks in a row answer within 20 ms,
 * at most 10 minutes in all; returns seconds waited. Quick health checks alone are not enough:
 * the keyword index is built between requests, a few hundred rows a turn, for tens of seconds.
 */
export async function waitUntilIdle(url: string): Promise<number> {
  const started = performance.now();
  const ready = new URL('/readyz', url).href;
  while (performance.now() - started < 600_000) {
    const search = await fetch(ready)
      .then((r) => r.json() as Promise<{ search?: { keyword?: string; semantic?: string } }>)
      .then((body) => body.search)
      .catch(() => undefined);
    if (
      search?.keyword === 'ready' &&
      search.semantic !== 'training' &&
      search.semantic !== 'embedding'
    )
      break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  let quick = 0;
  while (quick < 10 && performance.now() - started < 600_000) {
    const t0 = performance.now();
    // A busy server may drop a kept-alive connection; that only means "not idle yet".
    const ok = await fetch(url)
      .then((r) => r.text())
      .then(() => true)
      .catch(() => false);
    quick = ok && performance.now() - t0 < 20 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 250));
  }
  return round((performance.now() - started) / 1000, 1);
}

/** Stops the bench's servers and removes its temporary store. */
export async function stopAndClean(children: ChildProcess[], dataDir: string): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Starts the bare Hono route (the ceiling any page is compared with) on `port`. */
export function startBareRoute(port: number): Promise<ChildProcess> {
  return startChild(
    ['bench/web-ceiling.server.ts'],
    { PORT: String(port) },
    `http://127.0.0.1:${port}/`,
  );
}

/** The bare route first under `label`, then each named path of the site at `sitePort`. */
export function loadTargets(
  label: string,
  barePort: number,
  sitePort: number,
  paths: Record<string, string>,
): [string, string][] {
  return [
    [label, `http://127.0.0.1:${barePort}/`],
    ...Object.entries(paths).map(([name, path]): [string, string] => [
      name,
      `http://127.0.0.1:${sitePort}${path}`,
    ]),
  ];
}
