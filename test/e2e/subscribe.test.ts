import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubscriberByEmail } from '../../src/digest/subscriber.repository.ts';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { demoSample, startSiteServer, type SiteServer } from './site-server.ts';

describe.skipIf(!hasChromium).each(dialects)(
  'subscribing to the digest in a browser on %s',
  (dialect) => {
    let site: SiteServer;
    let browser: Browser;
    beforeAll(async () => {
      site = await startSiteServer(await demoSample({ '2026-06-29': 30 }), dialect);
      browser = await launchBrowser();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await site?.close();
    });

    it('subscribes from the list page banner and confirms through the link in the mail', async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${site.url}/`);
      const banner = page.locator('.subscribe-banner');
      await expect(banner.textContent()).resolves.toContain(
        'Get trending papers in your email inbox!',
      );
      const email = 'browser.reader@example.org';
      // The banner carries the address to /subscribe, which asks for the rest.
      await banner.locator('input[name="email"]').fill(email);
      await banner.getByRole('button', { name: 'Subscribe' }).click();
      await page.waitForURL('**/subscribe?email=*');
      await expect(page.inputValue('#email')).resolves.toBe(email);
      await page.check('input[name="frequency"][value="weekly"]');
      await page.check('input[name="categories"][value="cs.CL"]');
      await page.fill('#keywords', 'retrieval, agents');
      await page.fill('#timeZone', 'Europe/Paris');
      await page.click('form.digest-form button[type="submit"]');
      await expect(page.locator('h1').textContent()).resolves.toBe('Check your inbox');

      const [mail] = await site.sink.waitFor(1);
      expect(mail!.subject).toBe('Confirm your Folio digest subscription');
      const link = /https?:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+/.exec(mail!.text ?? '')![0];
      // Links name the configured public address; this test serves the same app elsewhere.
      await page.goto(`${site.url}${new URL(link).pathname}${new URL(link).search}`);
      await page.getByRole('button', { name: 'Confirm subscription' }).click();
      await page.waitForURL('**/digest/manage?token=*');
      await expect(page.locator('[role="status"]').textContent()).resolves.toContain(
        'Your subscription is confirmed',
      );
      await expect(page.locator('main').textContent()).resolves.toContain(email);
      expect(await findSubscriberByEmail(site.t.runtime.db.kysely, email)).toMatchObject({
        status: 'active',
      });

      // The manage page's buttons are CSRF-protected POSTs that work without signing in.
      await page.getByRole('button', { name: 'Pause digests' }).click();
      await expect(page.locator('[role="status"]').textContent()).resolves.toContain('paused');
      expect((await findSubscriberByEmail(site.t.runtime.db.kysely, email))?.status).toBe('paused');
    });
  },
);
