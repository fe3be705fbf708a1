import fs from 'node:fs';
import path from 'node:path';
import { reportMissing } from './ci.ts';

/**
 * The shared folder of real recorded data, beside the checkout (`../shared/data`), or where
 * FOLIO_TEST_SHARED_DATA points (a copy of the checkout elsewhere, as CI's second Node run uses).
 */
export const SHARED_DATA =
  process.env.FOLIO_TEST_SHARED_DATA ??
  path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
export const hasSharedData = fs.existsSync(SHARED_DATA);

if (!hasSharedData)
  reportMissing(
    'FOLIO_TEST_SHARED_WARNED',
    `the shared recorded data: ${SHARED_DATA} is absent (tests that need ../shared/data).`,
  );

/** A path inside the shared data folder. */
export const sharedFile = (...parts: string[]) => path.join(SHARED_DATA, ...parts);
