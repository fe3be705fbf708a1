import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { reportMissing } from './ci.ts';

/** FOLIO_TEST_CHROMIUM or Debian's Chromium; browser tests skip without it (fail under CI). */
export const CHROMIUM = process.env.FOLIO_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium)
  reportMissing(
    'FOLIO_TEST_CHROMIUM_WARNED',
    `Chromium for the browser tests: none at ${CHROMIUM} (apt-get install chromium, or set FOLIO_TEST_CHROMIUM).`,
  );

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The page's serious and critical accessibility violations by axe-core, one line each (rule and
 * the first few elements). The page's context must bypass CSP: axe is added as a script, and
 * bypassing lets the test add it without weakening the site.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
}

/** Expects no serious or critical axe-core violation on these addresses, in light and dark. */
export async function expectAccessible(
  newPage: (options: BrowserContextOptions) => Promise<Page>,
  base: string,
  addresses: readonly string[],
): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await newPage({ colorScheme, bypassCSP: true });
    for (const address of addresses) {
      await page.goto(`${base}${address}`);
      expect(await seriousViolations(page), `${address} (${colorScheme})`).toEqual([]);
    }
    await page.context().close();
  }
}
