import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
