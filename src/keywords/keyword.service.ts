import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { buildPhraseStats, extractKeyPhrases, type PhraseStats } from './key-phrases.ts';
import { readPaperTexts, writeKeywords, type PaperText } from './keyword.repository.ts';

const PAGE = 1000;

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
  const texts: { title: string; abstract: string }[] = [];
  for await (const p of allPapers(db)) texts.push({ title: p.title, abstract: p.abstract });
  return buildPhraseStats(texts);
}

/**
 * Extracts and stores key phrases: for papers that have none, or for every paper with `all`.
 * Statistics are learned from the whole store first. Returns how many papers it wrote.
 */
export async function refreshKeywords(
  db: Db,
  logger: Logger,
  options: { all?: boolean; stats?: PhraseStats } = {},
): Promise<number> {
  const stats = options.stats ?? (await learnPhraseStats(db));
  let written = 0;
  let batch: { id: string; keywords: string[] }[] = [];
  for await (const p of allPapers(db)) {
    if (p.hasKeywords && !options.all) continue;
    batch.push({ id: p.id, keywords: extractKeyPhrases(p.title, p.abstract, stats) });
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
