import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFolio, startFolio } from './run-folio.ts';

describe('folio migrate and serve', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-serve-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates a new store, and says it is up to date every time', async () => {
    const store = path.join(dir, 'folio.db');
    for (let run = 0; run < 2; run++) {
      const result = await runFolio(['migrate'], { FOLIO_DATA_DIR: dir });
      expect(result).toMatchObject({ code: 0, stdout: `store at ${store} is up to date\n` });
    }
    expect(fs.existsSync(store)).toBe(true);
  });

  it('serves, answers /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
    const child = startFolio(['serve', '--no-schedule'], {
      FOLIO_DATA_DIR: dir,
      FOLIO_HOST: '127.0.0.1',
      FOLIO_PORT: '0',
      FOLIO_LOG_LEVEL: 'info',
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving" line in: ${stderr}`)), 60_000);
      child.stderr!.setEncoding('utf8').on('data', (data: string) => {
        stderr += data;
        const serving = /"url":"(http:\/\/localhost:\d+)".*"msg":"Folio is serving"/.exec(stderr);
        if (serving?.[1]) {
          clearTimeout(timer);
          resolve(serving[1].replace('localhost', '127.0.0.1'));
        }
      });
    });
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({
        status: 'ready',
        search: {
          keyword: expect.stringMatching(/^(ready|indexing)$/),
          semantic: expect.stringMatching(/^(off|training|embedding|ready)$/),
        },
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
