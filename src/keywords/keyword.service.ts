import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { extractKeyPhrases, PhraseCounter, type PhraseStats } from './key-phrases.ts';
import {
  countWithoutKeywords,
  readPaperTexts,
  writeKeywords,
  type PaperText,
} from './keyword.repository.ts';

const PAGE = 1000;
/**
 * Papers handled between two turns of the event loop in a pass over the store: learning the
 * statistics of ten thousand papers takes seconds of CPU, during which a serving instance must
 * keep answering requests (and its /readyz).
 */
export const PAPERS_PER_TURN = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every paper's text, page by page, so a pass over a large store holds one page at a time. */
async function* allPapers(db: Db): AsyncGenerator<PaperText> {
  let after = 0;
  for (;;) {
    const page = await readPaperTexts(db, after, PAGE);
    if (page.length === 0) return;
    yield* page;
    after = page.at(-1)!.pid;
  }
}

/** Phrase statistics learned from every paper in the store. */
export async function learnPhraseStats(db: Db): Promise<PhraseStats> {
  const counter = new PhraseCounter();
  let counted = 0;
  for await (const p of allPapers(db)) {
    counter.add(p);
    if (++counted % PAPERS_PER_TURN === 0) await nextTurn();
  }
  return counter.stats();
}

/**
 * Extracts and stores key phrases: for papers that have none, or for every paper with `all`.
 * Statistics are learned from the whole store first, unless no paper needs phrases (the usual
 * case at start-up and at each hourly run). Returns how many papers it wrote.
 */
export async function refreshKeywords(
  db: Db,
  logger: Logger,
  options: { all?: boolean; stats?: PhraseStats } = {},
): Promise<number> {
  if (!options.all && (await countWithoutKeywords(db)) === 0) return 0;
  const stats = options.stats ?? (await learnPhraseStats(db));
  let written = 0;
  let batch: { id: string; keywords: string[] }[] = [];
  for await (const p of allPapers(db)) {
    if (p.hasKeywords && !options.all) continue;
    batch.push({ id: p.id, keywords: extractKeyPhrases(p.title, p.abstract, stats) });
    if (batch.length % PAPERS_PER_TURN === 0) await nextTurn();
    if (batch.length >= 500) {
      await writeKeywords(db, batch);
      written += batch.length;
      batch = [];
    }
  }
  await writeKeywords(db, batch);
  written += batch.length;
  if (written > 0)
    logger.info({ papers: written, phrases: stats.df.size }, 'extracted key phrases');
  return written;
}
