/**
 * The papers tests store, in one place: the site's small store (with a paper whose text is
 * hostile markup), papers whose words make search rankings unambiguous, and dated papers for
 * trending. Each test takes the variant it needs.
 */
import type { Db } from '../../src/db/database.ts';
import { fixedClock, type Clock } from '../../src/domain/clock.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import type { TestRuntime } from './runtime.ts';

/** Stores papers as a test's source would, through the one write path. */
export async function storePapers(db: Db, clock: Clock, records: PaperRecord[]): Promise<void> {
  await upsertRecords(db, clock, records, { source: 'test' });
}

/** A paper with the awkward text real abstracts carry: markup characters, TeX, ampersands. */
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

/** The site's small realistic store: HOSTILE, two listing days and one earlier day. */
export function sitePapers(): PaperRecord[] {
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
  return records;
}

/** Stores the site's small store (sitePapers) and readies search on it. */
export async function seedSitePapers(t: TestRuntime): Promise<void> {
  await storePapers(t.runtime.db, t.clock, sitePapers());
  // Search as configured by default: semantic search trained on these papers.
  await t.searchReady();
}

/** A handful of papers whose words make search ranking checks unambiguous. */
export const SEARCH_PAPERS: PaperRecord[] = [
  {
    id: '2601.00001',
    title: 'Model Merging for Large Language Models',
    abstract:
      'We study how to merge fine-tuned checkpoints of transformers into one model without retraining, and compare weight averaging with task arithmetic.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.CL', 'cs.LG'],
    listingDate: '2026-01-05',
    codeRepo: 'github:example/merge',
  },
  {
    id: '2601.00002',
    title: 'Diffusion Models for Image Synthesis',
    abstract:
      'Denoising diffusion probabilistic models generate images; we also mention model merging once in passing.',
    authors: ['Grace Hopper'],
    categories: ['cs.CV'],
    listingDate: '2026-01-06',
  },
  {
    id: '2601.00003',
    title: 'Reinforcement Learning from Human Feedback',
    abstract:
      'Aligning language models with human preferences through reward models and policy optimization.',
    authors: ['Alan Turing', 'Claude Shannon'],
    categories: ['cs.LG', 'cs.AI'],
    listingDate: '2026-02-10',
  },
  {
    id: '2601.00004',
    title: 'Graph Neural Networks for Molecules',
    abstract:
      'Message passing networks predict molecular properties; merging is not discussed, but models are.',
    authors: ['Marie Curie'],
    categories: ['cs.LG', 'q-bio.BM'],
    listingDate: '2026-03-01',
  },
  {
    id: '2601.00005',
    title: 'Transformers for Speech Recognition',
    abstract: 'Self-attention encoders transcribe speech; we use transformer models of many sizes.',
    authors: ['Émile Borel'],
    categories: ['eess.AS', 'cs.CL'],
    listingDate: '2026-03-02',
    codeRepo: 'github:example/speech',
  },
];

/** Stores papers given by id and first-published instant (and a code link or categories). */
export async function seedDatedPapers(
  db: Db,
  papers: { id: string; publishedAt: string; codeRepo?: string; categories?: string[] }[],
): Promise<void> {
  await storePapers(
    db,
    fixedClock(papers[0]?.publishedAt ?? '2026-01-01T00:00:00Z'),
    papers.map((p) => ({
      id: p.id,
      title: `Paper ${p.id}`,
      abstract: `About ${p.id}.`,
      authors: ['Ada Lovelace'],
      categories: p.categories ?? ['cs.LG'],
      publishedAt: p.publishedAt,
      listingDate: p.publishedAt.slice(0, 10),
      codeRepo: p.codeRepo ?? null,
    })),
  );
}
