import type { PaperRecord } from '../../src/domain/paper.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import type { TestRuntime } from '../support/runtime.ts';

/** Papers with the awkward text real abstracts carry: markup characters, TeX, ampersands. */
export const HOSTILE: PaperRecord = {
  id: '2606.00001',
  title: 'A <b>bold</b> & "quoted" <script>alert(1)</script> title',
  abstract:
    'We prove $x^2 < y$ & \\(\\alpha > \\beta\\) in O(n^2) time.\n\nA second <img src=x onerror=alert(1)> paragraph with $\\href{javascript:alert(1)}{click}$.',
  authors: ['Ann <script>', 'Bob & Co'],
  categories: ['cs.LG', 'cs.AI'],
  listingDate: '2026-06-30',
  publishedAt: '2026-06-29T17:00:00Z',
  codeRepo: 'github:example/hostile',
};

/** Stores a small realistic store (two listing days and one earlier day) and readies search on it. */
export async function seedPapers(t: TestRuntime): Promise<void> {
  const records: PaperRecord[] = [HOSTILE];
  for (let i = 2; i <= 8; i++)
    records.push({
      id: `2606.0000${i}`,
      title: `Diffusion transformers for sparse graphs, part ${i}`,
      abstract: `We study diffusion models on graphs with ${i} layers and report gains.`,
      authors: [`Author ${i}`],
      categories: [i % 2 ? 'cs.CL' : 'cs.CV'],
      listingDate: i < 6 ? '2026-06-30' : '2026-06-29',
    });
  records.push({
    id: '2605.00100',
    title: 'An older paper about retrieval',
    abstract: 'Retrieval augmented generation, revisited.',
    authors: ['Cara'],
    categories: ['cs.IR'],
    listingDate: '2026-05-15',
  });
  await upsertRecords(t.runtime.db, t.clock, records, { source: 'test' });
  // Search as configured by default: semantic search trained on these papers.
  await t.searchReady();
}
