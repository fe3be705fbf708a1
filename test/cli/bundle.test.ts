import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain JavaScript module without types
import { freshBundle } from '../../scripts/cli-bundle.mjs';
import { cliEnv, runFolio, type CliResult } from './run-folio.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'import', 'broken-line.jsonl');

/** `folio ARGS` the way a user runs it: bin/folio.js, which runs the prebuilt bundle. */
function runBin(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'folio.js'), ...args], {
    cwd: ROOT,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('the prebuilt command line (bin/folio.js)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-bundle-'));
    // A new store: the bundle applies the migrations (TypeScript files) itself.
    env = {
      FOLIO_DATA_DIR: dir,
      FOLIO_DATABASE_URL: path.join(dir, 'folio.db'),
      FOLIO_LOG_LEVEL: 'error',
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates a new store, imports and searches as the TypeScript sources do', async () => {
    const imported = await runBin(['import', FIXTURE], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout.split('\n')[0]).toBe(
      `imported 4 records from ${FIXTURE}: 4 new, 0 updated, 0 unchanged, 2 skipped`,
    );
    // The launcher left a bundle matching the sources, which is what it ran.
    expect(freshBundle()).toMatch(/\/dist\/cli\/[^/]+\/main\.js$/);
    const args = ['search', 'gaussian splatting', '--mode', 'keyword'];
    const bundled = await runBin(args, env);
    const sources = await runFolio(args, env);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).toBe('');
    expect(bundled.stdout).toBe(sources.stdout);
    const lines = bundled.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('2 found, keyword');
    expect(
      lines
        .slice(0, -1)
        .map((l) => l.split('  ')[2])
        .sort(),
    ).toEqual([
      'Generative Gaussian Splatting: Generating 3D Scenes with Video Diffusion Priors',
      'MTGS: Multi-Traversal Gaussian Splatting',
    ]);
  });
});
