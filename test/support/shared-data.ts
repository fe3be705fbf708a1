import fs from 'node:fs';
import path from 'node:path';
import type { PaperRecord } from '../../src/domain/paper.ts';
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

/** The first `n` papers of the shared sample of real arXiv listings, as Folio stores them. */
export function sharedSamplePapers(n: number): PaperRecord[] {
  return fs
    .readFileSync(sharedFile('arxiv-daily-cs', 'sample-1000.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, n)
    .map((line) => {
      const p = JSON.parse(line) as {
        id: string;
        title: string;
        summary: string;
        authors: string[];
        categories: string[];
        listing_date?: string;
      };
      return {
        id: p.id,
        title: p.title,
        abstract: p.summary,
        authors: p.authors,
        categories: p.categories,
        listingDate: p.listing_date ?? null,
      };
    });
}
