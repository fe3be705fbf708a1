import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runFolio } from './run-folio.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// util-linux `script` gives the command a real pseudo-terminal.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('import progress', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-progress-'));
    file = path.join(dir, 'papers.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: `2504.${String(i + 1).padStart(5, '0')}`,
        title: `Paper ${i + 1}`,
        summary: 'An abstract.',
        authors: ['A'],
        categories: ['cs.CL'],
        listing_date: '2025-04-07',
      }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('logs plain lines with the rate and ETA when stderr is not a terminal', async () => {
    const result = await runFolio(['import', file], {
      FOLIO_DATA_DIR: path.join(dir, 'plain'),
      FOLIO_LOG_LEVEL: 'info',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`imported 3000 records from ${file}: 3000 new`);
    const progress = result.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; papersPerSecond?: number })
      .filter((entry) => entry.msg.startsWith('import: '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)?.msg).toMatch(/^import: 100% · 3000 papers · \d+ papers\/s · ETA 0s$/);
    expect(progress.at(-1)?.papersPerSecond).toBeGreaterThan(0);
    expect(result.stderr).not.toContain('\u001b[');
  });

  it.skipIf(!hasScript)('draws a progress bar on a terminal', () => {
    const command = `${JSON.stringify(process.execPath)} --import tsx src/main.ts import ${JSON.stringify(file)}`;
    const run = spawnSync('script', ['-qefc', command, '/dev/null'], {
      cwd: ROOT,
      env: cliEnv({ FOLIO_DATA_DIR: path.join(dir, 'tty'), TERM: 'xterm' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/import \[[█░]+\] 100% · 3000 papers · \d+ papers\/s · ETA/);
    expect(run.stdout).toContain('imported 3000 records');
  });
});
