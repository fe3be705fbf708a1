import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJsonl } from '../../src/ingest/import-jsonl.ts';
import { importDeps, loadDemoIfEmpty } from '../../src/services.ts';
import { expectAccessible, hasChromium, launchBrowser } from '../support/browser.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedFile } from '../support/shared-data.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'demo');
/** A TeX title among the demo's papers (GUI-C$^2$: …). */
const TEX_PAPER = '2605.30884';

describe.skipIf(!hasChromium || !hasSharedData)('a fresh demo in a browser', () => {
  let t: TestRuntime;
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;
  /** Every address the pages asked for. */
  const requested: string[] = [];
  beforeAll(async () => {
    // Months after the demo's data ends, as a newcomer would start it.
    t = await createTestRuntime('sqlite', {
      now: '2026-12-06T09:00:00Z',
      env: { FOLIO_LOAD_DEMO: '1' },
    });
    expect(await loadDemoIfEmpty(t.runtime)).toBe(9522);
    // A bulk import without listing days (Kaggle's arXiv snapshot): placed by first version.
    await importJsonl(
      importDeps(t.runtime),
      sharedFile('arxiv-kaggle-snapshot-sample', 'arxiv-metadata-oai-snapshot.head200.jsonl'),
    );
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
    await t?.cleanup();
  });

  /** A page that never leaves this machine: figures on Hugging Face's servers are refused. */
  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      ...options,
    });
    await context.route('**/*', (route) => {
      requested.push(route.request().url());
      return new URL(route.request().url()).hostname === '127.0.0.1'
        ? route.continue()
        : route.abort();
    });
    return context.newPage();
  }

  it('opens on the last curated day, ranked by upvotes, with submitters', async () => {
    const page = await newPage();
    await page.goto(`${url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Daily Papers');
    await expect(page.locator('.when time').textContent()).resolves.toBe('Friday, 21 August 2026');
    await expect(page.locator('.data-note').textContent()).resolves.toContain(
      'Demo data up to 21 Aug 2026',
    );
    await expect(page.locator('.list-tabs [aria-current="page"]').textContent()).resolves.toBe(
      "The day's list 17",
    );
    const counts = await page.locator('.paper-card .upvote .count').allTextContents();
    expect(counts.slice(0, 5)).toEqual(['163', '54', '38', '32', '30']);
    const submitters = await page.locator('.paper-card .submitter').allTextContents();
    expect(submitters[0]).toBe('by taesiri · Google');
    // Submitters' avatars are initials drawn here: Hugging Face's avatar images are never asked for.
    await expect(page.locator('.paper-card .avatar').first().textContent()).resolves.toBe('T');
    expect(requested.filter((u) => /avatar/i.test(u))).toEqual([]);
    await expect(page.locator('.paper-card .ai-summary').count()).resolves.toBeGreaterThan(10);
    await page.context().close();
  });

  it('shows trending papers with their rank and reason, in windows ending with the data', async () => {
    const page = await newPage();
    await page.goto(`${url}/papers/trending?window=7d`);
    await expect(page.locator('.list-tabs [aria-current="page"]').textContent()).resolves.toBe(
      '7 days',
    );
    const ranks = await page.locator('.paper-card .rank').allTextContents();
    expect(ranks.length).toBeGreaterThanOrEqual(10);
    expect(ranks.slice(0, 3)).toEqual(['1', '2', '3']);
    const reasons = await page.locator('.paper-card .why').allTextContents();
    expect(reasons.length).toBe(ranks.length);
    for (const reason of reasons) expect(reason).toMatch(/^Trending because: \d[\d,]* upvotes?/);
    // The demo records one star count per paper, no history: no sparkline is drawn from it.
    await expect(page.locator('.paper-card .sparkline').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('renders a TeX title with KaTeX, and links its authors to their pages', async () => {
    const page = await newPage();
    await page.goto(`${url}/papers/${TEX_PAPER}`);
    await expect(page.locator('h1 .katex').count()).resolves.toBe(1);
    const heading = await page
      .locator('h1 .katex-html')
      .evaluate((e) => e.closest('h1')!.innerText);
    expect(heading).not.toContain('$');
    await expect(page.title()).resolves.toBe(
      'GUI-C$^2$: Coarse-to-Fine GUI Grounding via Difficulty-Aware Reinforcement Learning · Folio',
    );
    await page.locator('.authors a', { hasText: 'Junlong Li' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Junlong Li');
    await expect(page.locator(`#paper-${TEX_PAPER.replace('.', '\\.')}`).count()).resolves.toBe(1);
    await expect(page.locator('link[rel="alternate"]').first().getAttribute('href')).resolves.toBe(
      '/feeds/search.rss?q=author%3A%22Junlong+Li%22',
    );
    await page.context().close();
  });

  it("lists a bulk import on the day of each paper's first version", async () => {
    const page = await newPage();
    await page.goto(`${url}/papers/date/2007-04-02`);
    const ids = await page
      .locator('.paper-card')
      .evaluateAll((cards) => cards.map((c) => c.id.replace('paper-', '')));
    expect(ids).toContain('0704.0001');
    await expect(page.locator('.list-kind').textContent()).resolves.toContain(
      "Nobody has put papers on this day's list yet",
    );
    await page.context().close();
  });

  it('saves screenshots at 1366 and 390 px, light and dark, with nothing overflowing', async () => {
    const pages = {
      home: '/',
      trending: '/papers/trending?window=7d',
      paper: `/papers/${TEX_PAPER}`,
      search: '/papers?q=agents',
      author: '/authors/Junlong%20Li',
    };
    for (const colorScheme of ['light', 'dark'] as const)
      for (const width of [1366, 390]) {
        const page = await newPage({ colorScheme, viewport: { width, height: 1000 } });
        for (const [name, address] of Object.entries(pages)) {
          await page.goto(`${url}${address}`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}-${width}.png`) });
        }
        await page.context().close();
      }
  }, 180_000);

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const addresses = [
      '/',
      '/papers/trending',
      `/papers/${TEX_PAPER}`,
      '/authors/Junlong%20Li',
      '/papers/date/2026-06-30?list=arxiv',
    ];
    await expectAccessible(newPage, url, addresses);
  }, 180_000);
});
