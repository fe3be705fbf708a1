import fs from 'node:fs';
import path from 'node:path';

/** The shared folder of real recorded data, beside the checkout; absent on some machines. */
export const SHARED_DATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
export const hasSharedData = fs.existsSync(SHARED_DATA);

if (!hasSharedData && !process.env.FOLIO_TEST_SHARED_WARNED) {
  process.env.FOLIO_TEST_SHARED_WARNED = '1';
  console.warn(`Tests that need ../shared/data skipped: ${SHARED_DATA} is absent.`);
}

/** A path inside the shared data folder. */
export const sharedFile = (...parts: string[]) => path.join(SHARED_DATA, ...parts);
