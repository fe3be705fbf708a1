import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasChromium, launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { demoSample, startSiteServer, type SiteServer } from './site-server.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e');

// The whole walk on both dialects; screenshots and accessibility (rendering alone) on SQLite.
describe.skipIf(!hasChromium).each(dialects)(
  'the site in a browser, as a new member, on %s',
  (dialect) => {
    let site: SiteServer;
    let browser: Browser;
    /** A paper of the latest day, for the screenshots and accessibility checks. */
    let paperId: string;
    let submitId: string;
    let texId: string;
    beforeAll(async () => {
      // Two real listing days (about 300 papers), plus one older paper to submit later.
      const records = await demoSample({ '2026-06-29': 166, '2026-06-26': 135 });
      paperId = records[0]!.id;
      submitId = records.at(-1)!.id;
      texId = records.find((r) => /\$[^$]+\$/.test(r.abstract))!.id;
      records.at(-1)!.listingDate = '2026-06-24';
      site = await startSiteServer(records, dialect);
      browser = await launchBrowser();
      fs.mkdirSync(SHOTS, { recursive: true });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    const cspErrors: string[] = [];
    async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          cspErrors.push(message.text());
      });
      page.on('pageerror', (error) => cspErrors.push(String(error)));
      return page;
    }

    it('walks the site: days, search, a paper, sign-in by email, upvote, comment, submit, sign out', async () => {
      const page = await newPage();
      await page.goto(`${site.url}/`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Daily Papers');
      await expect(page.locator('.when time').textContent()).resolves.toContain('29 June 2026');
      expect(await page.locator('[data-paper-card]').count()).toBe(50);
      await expect(
        page.getByText('Get trending papers in your email inbox!').count(),
      ).resolves.toBe(1);

      // Move to the previous day and back.
      await page.click('a[data-nav="prev"]');
      await page.waitForURL('**/papers/date/2026-06-26');
      await page.click('a[data-nav="next"]');
      await page.waitForURL('**/papers/date/2026-06-29');
      // Page two of the day.
      await page.click('a[rel="next"]:has-text("Next page")');
      await page.waitForURL('**/papers/date/2026-06-29?page=2');

      // j/k move between papers; "/" jumps to search.
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      const focused = await page.evaluate(
        () => document.activeElement?.closest('[data-paper-card]')?.id,
      );
      expect(focused).toMatch(/^paper-/);
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
      await page.keyboard.type('language model');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/papers?q=language+model');
      expect(await page.locator('.search-results mark').count()).toBeGreaterThan(0);

      // Open the first result.
      await page.locator('.search-results h3 a').first().click();
      await page.waitForURL(/\/papers\/\d{4}\.\d{5}$/);
      const openedId = page.url().split('/').at(-1)!;
      await expect(page.locator('#abstract-title').count()).resolves.toBe(1);
      // The BibTeX sits behind its disclosure; with script, it gets a copy button.
      await expect(page.locator('button[data-copy="bibtex"]').isVisible()).resolves.toBe(false);
      await page.locator('#cite > summary').click();
      await expect(page.locator('#bibtex').isVisible()).resolves.toBe(true);
      await expect(page.locator('button[data-copy="bibtex"]').isVisible()).resolves.toBe(true);

      // Sign in through the emailed link.
      await page.click('text=Sign in');
      await page.waitForURL('**/sign-in');
      await page.fill('#email', 'newcomer@example.org');
      await page.click('button:has-text("Email me a sign-in link")');
      await page.waitForSelector('text=Check your email');
      const [mail] = await site.sink.waitFor(1);
      const link = new URL(/http\S+\/sign-in\/verify\?token=\S+/.exec(mail!.text ?? '')![0]);
      await page.goto(`${site.url}${link.pathname}${link.search}`);
      await page.click('main button:has-text("Sign in")');
      await page.waitForURL(`${site.url}/`);
      await expect(page.locator('.account a').first().textContent()).resolves.toBe('newcomer');

      // Upvote without a reload: the count changes and the page stays.
      await page.goto(`${site.url}/papers/${openedId}`);
      const button = page.locator('.paper-actions form[data-upvote] button');
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
      const marker = await page.evaluate(
        () => ((window as unknown as { marker: number }).marker = Math.random()),
      );
      await button.click();
      await page.waitForFunction(
        () =>
          document.querySelector('.paper-actions button.upvote')?.getAttribute('aria-pressed') ===
          'true',
      );
      await expect(button.locator('.count').textContent()).resolves.toBe('1');
      expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(
        marker,
      );

      // Comment.
      await page.fill('#comment-body', 'Clear and *useful* — see [code](https://example.org).');
      await page.click('button:has-text("Post comment")');
      await page.waitForSelector('.comment-body em');
      await expect(page.locator('#comments-title').textContent()).resolves.toBe('Comments (1)');
      await expect(page.locator('.comment-body a').getAttribute('rel')).resolves.toBe(
        'nofollow ugc noopener',
      );

      // Submit a paper by its arXiv address and find it on today's list.
      await page.click('nav[aria-label="Main"] >> text=Submit');
      await page.fill('#paper', `https://arxiv.org/abs/${submitId}v1`);
      await page.click('main button:has-text("Submit")');
      await page.waitForURL('**/papers/date/2026-07-01*');
      const card = page.locator(`#paper-${submitId.replace('.', '\\.')}`);
      await expect(card.count()).resolves.toBe(1);
      await expect(card.locator('.submitter').textContent()).resolves.toBe('by newcomer');
      await page.goto(`${site.url}/`);
      await expect(page.locator(`#paper-${submitId.replace('.', '\\.')}`).count()).resolves.toBe(1);

      // A paper whose abstract has TeX shows it typeset, within the content security policy.
      await page.goto(`${site.url}/papers/${texId}`);
      expect(await page.locator('.abstract .katex').count()).toBeGreaterThan(0);

      // Sign out.
      await page.click('button:has-text("Sign out")');
      await page.waitForURL(`${site.url}/`);
      await expect(page.locator('.account a').textContent()).resolves.toBe('Sign in');
      expect(cspErrors).toEqual([]);
    }, 180_000);

    it.runIf(dialect === 'sqlite')(
      'saves screenshots of home, a paper and search in light and dark, desktop and phone',
      async () => {
        const pages = { home: '/', paper: `/papers/${paperId}`, search: '/papers?q=diffusion' };
        for (const colorScheme of ['light', 'dark'] as const)
          for (const width of [1280, 360]) {
            const page = await newPage({ colorScheme, viewport: { width, height: 900 } });
            for (const [name, address] of Object.entries(pages)) {
              await page.goto(`${site.url}${address}`);
              // Nothing may overflow sideways on a phone.
              const overflow = await page.evaluate(
                () => document.documentElement.scrollWidth - window.innerWidth,
              );
              expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
              await page.screenshot({
                path: path.join(SHOTS, `${name}-${colorScheme}-${width}.png`),
              });
            }
            await page.context().close();
          }
        expect(
          fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length,
        ).toBeGreaterThanOrEqual(12);
      },
      180_000,
    );

    it.runIf(dialect === 'sqlite')(
      'has no serious or critical accessibility violations (axe-core)',
      async () => {
        const addresses = [
          '/',
          `/papers/${paperId}`,
          '/papers?q=diffusion',
          '/sign-in',
          '/papers/date/2026-06-27',
          '/submit',
        ];
        await expectAccessible(newPage, site.url, addresses);
      },
      180_000,
    );
  },
);
