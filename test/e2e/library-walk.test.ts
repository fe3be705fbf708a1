import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { demoSample, startSiteServer, type SiteServer } from './site-server.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e');

// The walk on both dialects; screenshots on SQLite.
describe.skipIf(!hasChromium).each(dialects)(
  'a member’s library in a browser, on %s',
  (dialect) => {
    let site: SiteServer;
    let browser: Browser;
    beforeAll(async () => {
      const records = await demoSample({ '2026-06-29': 166, '2026-06-26': 135 });
      site = await startSiteServer(records, dialect);
      site.t.runtime.search.start();
      await site.t.runtime.search.semantic!.idle();
      await site.t.runtime.search.keyword.idle();
      browser = await launchBrowser();
      fs.mkdirSync(SHOTS, { recursive: true });
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await site?.t.runtime.search.close();
      await site?.close();
    });

    async function signedInPage(email: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.url}/sign-in`);
      await page.fill('#email', email);
      const before = site.sink.messages.length;
      await page.click('button:has-text("Email me a sign-in link")');
      await page.waitForSelector('text=Check your email');
      const mail = (await site.sink.waitFor(before + 1)).at(-1)!;
      const link = new URL(/http\S+\/sign-in\/verify\?token=\S+/.exec(mail.text ?? '')![0]);
      await page.goto(`${site.url}${link.pathname}${link.search}`);
      await page.click('main button:has-text("Sign in")');
      await page.waitForURL(`${site.url}/`);
      return page;
    }

    it('saves from a card, makes a collection, follows a search, sees For you with reasons, exports', async () => {
      const page = await signedInPage('reader@example.org');
      // Save the first two papers of the day from their cards.
      const cards = page.locator('[data-paper-card]');
      const firstId = (await cards.nth(0).getAttribute('id'))!.replace('paper-', '');
      for (const i of [0, 1]) {
        await cards.nth(i).locator('form.save-form button').click();
        await cards.nth(i).locator('form.save-form button[aria-pressed="true"]').waitFor();
      }
      await expect(
        cards.nth(0).locator('form.save-form button').getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      await expect(cards.nth(0).locator('form.save-form button').textContent()).resolves.toBe(
        'Saved',
      );

      // A collection, then the first paper into it from its page.
      await page.goto(`${site.url}/library`);
      await expect(page.locator('[data-paper-row]').count()).resolves.toBe(2);
      await page.fill('#collection-name', 'Reading group');
      await page.selectOption('#collection-visibility', 'link');
      await page.click('button:has-text("Create collection")');
      await page.waitForURL(/\/collections\/\d+$/);
      const collectionUrl = page.url();
      await page.goto(`${site.url}/papers/${firstId}`);
      await page.selectOption('.library-controls select[name="collection"]', {
        label: 'Reading group',
      });
      await page.click('button:has-text("Add to collection")');
      await page.locator('.in-collections a').waitFor();
      await expect(page.locator('.in-collections a').textContent()).resolves.toBe('Reading group');

      // Follow a search from the search page.
      await page.goto(`${site.url}/papers?q=language%20models`);
      await page.click('button:has-text("Follow this search")');
      await page.locator('.follow-form button[aria-pressed="true"]').waitFor();
      await expect(page.locator('.follow-form button').textContent()).resolves.toBe('Following ✓');
      await page.goto(`${site.url}/following`);
      await expect(page.locator('.follows li').first().textContent()).resolves.toContain(
        'language models',
      );

      // For you, each with its reason.
      await page.goto(`${site.url}/for-you`);
      const rows = page.locator('[data-paper-row]');
      expect(await rows.count()).toBeGreaterThanOrEqual(10);
      const reasons = await page.locator('[data-paper-row] .reason').allTextContents();
      expect(reasons.length).toBe(await rows.count());
      for (const reason of reasons)
        expect(reason).toMatch(/^(Because you saved “.+”|Matches your search “language models”)$/);
      expect(reasons.some((r) => r.startsWith('Because you saved'))).toBe(true);
      const dismissed = (await rows.nth(0).getAttribute('data-paper-row'))!;
      await rows.nth(0).locator('button:has-text("Not interested")').click();
      await page.locator(`[data-paper-row="${dismissed}"]`).waitFor({ state: 'detached' });
      expect(await page.locator(`[data-paper-row="${dismissed}"]`).count()).toBe(0);

      // Export the collection as BibTeX.
      await page.goto(collectionUrl);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a:has-text("BibTeX")'),
      ]);
      expect(download.suggestedFilename()).toBe('Reading-group.bib');
      const bib = fs.readFileSync((await download.path())!, 'utf8');
      expect(bib.match(/^@misc\{/gm)?.length).toBe(1);
      expect(bib).toContain(`eprint = {${firstId}}`);

      if (dialect !== 'sqlite') return;
      const cookies = await page.context().cookies();
      for (const width of [1366, 390])
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({
            viewport: { width, height: 900 },
            colorScheme,
          });
          await context.addCookies(cookies);
          const shot = await context.newPage();
          for (const [name, address] of [
            ['library', '/library'],
            ['for-you', '/for-you'],
            ['collection', new URL(collectionUrl).pathname],
            ['following', '/following'],
            ['paper-library', `/papers/${firstId}`],
          ] as const) {
            await shot.goto(`${site.url}${address}`);
            await shot.screenshot({
              path: path.join(SHOTS, `${name}-${colorScheme}-${width}.png`),
              fullPage: false,
            });
          }
          await context.close();
        }
    }, 240_000);
  },
);
